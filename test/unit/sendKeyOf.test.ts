import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sendKeyOf } from '../../src/delivery/sendKeyOf';
import type { StoredReference } from '../../src/references/StoredReference';
import { teamsReference } from '../support/teamsReference';

const serviceUrl = 'http://127.0.0.1:9/';

test('on msteams the key is the conversation and the tenant of conversation.tenantId', () => {
  assert.deepEqual(sendKeyOf(teamsReference(serviceUrl, 'a:1x', 'tenant-1')), {
    channelId: 'msteams',
    conversation: 'a:1x',
    tenant: 'tenant-1',
  });
});

test("the reference's own tenantId wins; channelData.tenant.id is read when the conversation has none", () => {
  const stored = teamsReference(serviceUrl, '19:c@thread.v2', 'from-conversation', 'channel');
  const own: StoredReference & { tenantId: string } = { ...stored, tenantId: 'own' };
  assert.equal(sendKeyOf(own).tenant, 'own');
  const viaChannelData: StoredReference = {
    ...stored,
    reference: {
      ...stored.reference,
      conversation: { id: '19:c@thread.v2' },
      channelData: { tenant: { id: 'cd' } },
    },
  };
  assert.equal(sendKeyOf(viaChannelData).tenant, 'cd');
});

test('no usable tenant: none in the key (the app budget); other channels: the channel alone', () => {
  const stored = teamsReference(serviceUrl, 'a:1y', 'x');
  const odd: StoredReference = {
    ...stored,
    reference: { conversation: { id: 'a:1y', tenantId: 42 }, channelData: { tenant: 'nope' } },
  };
  assert.deepEqual(sendKeyOf(odd), { channelId: 'msteams', conversation: 'a:1y' });
  assert.deepEqual(sendKeyOf({ ...stored, channelId: 'webchat' }), { channelId: 'webchat' });
});
