import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAdapter } from '../../src/bot/createAdapter';
import { PersonalConversationCreator } from '../../src/bot/teams/PersonalConversationCreator';
import type { StoredReference } from '../../src/references/StoredReference';
import { TEAMS_BOT } from '../support/teamsActivities';
import { TestChannel } from '../support/TestChannel';
import { testSettings } from '../support/testSettings';

const channel = new TestChannel();
before(() => channel.start());
after(() => channel.stop());

function creator(timeoutMs?: number): PersonalConversationCreator {
  const { adapter } = createAdapter(testSettings({ AzureWebJobsStorage: 'UseDevelopmentStorage=true' }));
  return new PersonalConversationCreator(adapter, '', timeoutMs);
}

function tenantReference(bot: object = TEAMS_BOT): StoredReference {
  return {
    channelId: 'msteams',
    conversationId: '19:group@thread.v2',
    userId: '29:someone',
    serviceUrl: channel.serviceUrl,
    tenantId: 'tenant-1',
    conversationType: 'groupChat',
    reference: {
      channelId: 'msteams',
      serviceUrl: channel.serviceUrl,
      locale: 'en-GB',
      bot,
      conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' },
    },
  };
}

test('the new 1:1 reference is addressed to the user, in the tenant, from the bot', async () => {
  const created = await creator().create(tenantReference(), 'aad-1', 'tenant-1');
  assert.equal(created.status, 'created');
  if (created.status !== 'created') return;
  const { reference } = created;
  assert.equal(reference.conversationType, 'personal');
  assert.equal(reference.aadObjectId, 'aad-1');
  assert.equal(reference.tenantId, 'tenant-1');
  assert.equal(reference.serviceUrl, channel.serviceUrl);
  assert.deepEqual(reference.reference.bot, TEAMS_BOT);
  assert.deepEqual(reference.reference.user, { id: 'aad-1', name: '', aadObjectId: 'aad-1' });
  assert.equal(reference.reference.locale, 'en-GB');
  assert.deepEqual(reference.reference.conversation, {
    id: reference.conversationId,
    conversationType: 'personal',
    isGroup: false,
    tenantId: 'tenant-1',
    name: '',
  });
});

test('a channel that never answers the creation fails it in time', async () => {
  channel.conversations.misbehave(['hang']);
  const started = Date.now();
  const created = await creator(300).create(tenantReference(), 'aad-2', 'tenant-1');
  assert.equal(created.status, 'failed');
  assert.match(created.status === 'failed' ? created.error : '', /in time/);
  assert.ok(Date.now() - started < 5_000);
});

test('404 from the channel is gone; a tenant reference without a bot account asks nothing', async () => {
  channel.conversations.misbehave([{ status: 404 }]);
  assert.equal((await creator().create(tenantReference(), 'aad-3', 'tenant-1')).status, 'gone');
  const asked = channel.conversations.creations.length;
  const created = await creator().create(tenantReference({ name: 'no id' }), 'aad-3', 'tenant-1');
  assert.equal(created.status, 'failed');
  assert.equal(channel.conversations.creations.length, asked);
});
