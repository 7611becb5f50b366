import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { ConversationDelivery } from '../../src/delivery/ConversationDelivery';
import type { ProactiveTurns } from '../../src/delivery/ProactiveTurns';
import { NotifyCalls } from '../support/notifyCalls';
import { useNotifyFixture } from '../support/notifyFixture';

/**
 * Sent activity ids and edits of sent messages, through the real handlers (notify, the edit route)
 * against real Azurite and the loopback channel: notify's `results[].activityId` is the id the
 * channel gave, and `PUT`/`DELETE .../conversations/{id}/activities/{id}` update and delete it there.
 */
const fixture = useNotifyFixture(
  {},
  { channel: { tryTimeoutMs: 2_000, maxRetries: 2, minDelayMs: 10, maxDelayMs: 50, totalTimeoutMs: 5_000 } },
);

interface Result {
  userId: string;
  conversationId: string;
  status: string;
  activityId?: string;
}

const channel = () => fixture.env.channel;
const last = (conversationId: string) =>
  channel()
    .received.filter((r) => r.conversationId === conversationId)
    .at(-1);
const attempts = (conversationId: string) => channel().attempts.get(conversationId) ?? 0;

/** A user talks to the bot in the conversation, then the back end sends it a message: its id. */
async function sent(conversationId: string, text = 'Your report is ready'): Promise<string> {
  assert.equal((await fixture.calls.say(fixture.env.where(conversationId), 'help')).status, 200);
  const answer = await fixture.calls.notify({ to: { conversationId }, text });
  assert.equal(answer.status, 200);
  const [result] = (answer.json as { results: Result[] }).results;
  assert.equal(result?.status, 'sent');
  assert.ok(result.activityId, 'the result carries the activity id');
  return result.activityId;
}

test('notify: results[].activityId is the id the channel gave the message', async () => {
  const activityId = await sent('ids-1');
  const message = last('ids-1');
  assert.equal(message?.activity.text, 'Your report is ready');
  assert.equal(activityId, message.id);
});

test('notify dialog and prompt modes: the activityId is the opening message’s', async () => {
  for (const mode of ['dialog', 'prompt'] as const) {
    const conversationId = `ids-${mode}`;
    await fixture.calls.say(fixture.env.where(conversationId), 'pizza');
    const answer = await fixture.calls.notify({ to: { conversationId }, mode });
    const [result] = (answer.json as { results: Result[] }).results;
    const opening = last(conversationId);
    assert.equal(
      opening?.activity.text,
      mode === 'dialog'
        ? botTexts.interruption
        : botTexts.withChoices(botTexts.interruptionChoice, [
            botTexts.stayInSurvey,
            botTexts.backToWhereIWas,
          ]),
    );
    assert.equal(result?.activityId, opening.id);
  }
});

test('a delivery of several messages: the activityId is the first one’s', async () => {
  const message = (text: string) => ({ type: 'message', text, conversation: { id: 'two-msgs' } });
  const turns: ProactiveTurns = {
    prepare: () =>
      Promise.resolve({ activities: [message('one'), message('two')], undo: () => Promise.resolve() }),
    forget: () => Promise.resolve(),
    replacement: () => ({}),
    token: () => Promise.resolve(undefined),
    createPersonalConversation: () => Promise.resolve({ status: 'failed', error: 'not used here' }),
  };
  const delivery = new ConversationDelivery(turns, fixture.app.channel, fixture.app.references);
  const reference = {
    channelId: 'test',
    conversationId: 'two-msgs',
    userId: 'u',
    serviceUrl: channel().serviceUrl,
    reference: {},
  };
  const outcome = await delivery.deliver(reference, { mode: 'message', text: 'unused' });
  const [first, second] = channel().received.filter((r) => r.conversationId === 'two-msgs');
  assert.equal(second?.activity.text, 'two');
  assert.deepEqual(outcome, { status: 'sent', activityId: first?.id });
});

test('notify: a channel that answers no id gives no activityId (still sent)', async () => {
  await fixture.calls.say(fixture.env.where('ids-none'), 'help');
  channel().misbehave('ids-none', [{ status: 201 }]);
  const answer = await fixture.calls.notify({ to: { conversationId: 'ids-none' }, text: 'no id' });
  assert.deepEqual(answer.json, {
    results: [{ userId: 'user-of-ids-none', conversationId: 'ids-none', status: 'sent' }],
  });
});

test('PUT updates the sent message under its id, addressed as the bot', async () => {
  const activityId = await sent('edit-1');
  const answer = await fixture.calls.editActivity('PUT', 'edit-1', activityId, { text: 'Corrected report' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json, { conversationId: 'edit-1', activityId, status: 'updated' });
  const update = channel().updates.at(-1);
  assert.equal(update?.conversationId, 'edit-1');
  assert.equal(update.activityId, activityId);
  assert.equal(update.activity?.id, activityId);
  assert.equal(update.activity.type, 'message');
  assert.equal(update.activity.text, 'Corrected report');
  assert.deepEqual((update.activity.conversation as { id: string }).id, 'edit-1');
  assert.equal((update.activity.from as { id: string }).id, 'bot');
  assert.equal((update.activity.recipient as { id: string }).id, 'user-of-edit-1');
});

test('PUT with attachments only replaces the message with a card', async () => {
  const activityId = await sent('edit-card');
  const card = { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Done' } };
  const answer = await fixture.calls.editActivity('PUT', 'edit-card', activityId, { attachments: [card] });
  assert.equal(answer.status, 200);
  assert.deepEqual(channel().updates.at(-1)?.activity?.attachments, [card]);
});

test('DELETE deletes the sent message (204); deleting it again is 404 NotFound', async () => {
  const activityId = await sent('delete-1');
  const answer = await fixture.calls.editActivity('DELETE', 'delete-1', activityId);
  assert.equal(answer.status, 204);
  assert.equal(answer.json, undefined);
  assert.deepEqual(channel().deletes.at(-1), { conversationId: 'delete-1', activityId });
  const again = await fixture.calls.editActivity('DELETE', 'delete-1', activityId);
  assert.equal(again.status, 404);
  assert.equal((again.json as { code: string }).code, 'NotFound');
});

test('unknown conversation: 404 UnknownRecipient, and the channel is not called', async () => {
  const before = attempts('never-seen');
  const put = await fixture.calls.editActivity('PUT', 'never-seen', 'reply-1', { text: 'x' });
  const del = await fixture.calls.editActivity('DELETE', 'never-seen', 'reply-1');
  for (const answer of [put, del]) {
    assert.equal(answer.status, 404);
    assert.equal((answer.json as { code: string }).code, 'UnknownRecipient');
  }
  assert.equal(attempts('never-seen'), before);
});

test('the channel does not know the activity: 404 NotFound', async () => {
  await sent('edit-unknown');
  const answer = await fixture.calls.editActivity('PUT', 'edit-unknown', 'no-such-activity', { text: 'x' });
  assert.equal(answer.status, 404);
  assert.equal((answer.json as { code: string }).code, 'NotFound');
  assert.equal(channel().updates.filter((u) => u.conversationId === 'edit-unknown').length, 0);
});

test('the channel refuses (403): 403 ChannelError; failing (5xx after retries): 502 ChannelError', async () => {
  const activityId = await sent('edit-refused');
  channel().misbehave('edit-refused', [{ status: 403 }]);
  const refused = await fixture.calls.editActivity('DELETE', 'edit-refused', activityId);
  assert.equal(refused.status, 403);
  assert.equal((refused.json as { code: string }).code, 'ChannelError');
  channel().misbehave('edit-refused', [{ status: 500 }, { status: 500 }, { status: 500 }]);
  const failed = await fixture.calls.editActivity('PUT', 'edit-refused', activityId, { text: 'x' });
  assert.equal(failed.status, 502);
  assert.equal((failed.json as { code: string }).code, 'ChannelError');
  assert.equal(
    channel().updates.some((u) => u.conversationId === 'edit-refused'),
    false,
  );
});

test('throttled (429) and 503 are retried: the update lands', async () => {
  const activityId = await sent('edit-retry');
  channel().misbehave('edit-retry', [{ status: 429 }, { status: 503 }]);
  const answer = await fixture.calls.editActivity('PUT', 'edit-retry', activityId, { text: 'after retries' });
  assert.equal(answer.status, 200);
  assert.equal(channel().updates.at(-1)?.activity?.text, 'after retries');
});

const HOSTILE_IDS: [string, string, string][] = [
  ['dot-dot conversation', '..', 'conversationId'],
  ['dot activity', '.', 'activityId'],
  ['lone surrogate', '\uD800', 'activityId'],
  ['2 KB id', 'a'.repeat(2048), 'activityId'],
  ['empty id', '', 'activityId'],
];

for (const [name, id, path] of HOSTILE_IDS) {
  test(`hostile path (${name}): 400 InvalidBody naming ${path}, nothing sent`, async () => {
    const activityId = await sent(`hostile-${name}`);
    const conversationId = path === 'conversationId' ? id : `hostile-${name}`;
    const badActivity = path === 'activityId' ? id : activityId;
    const before = attempts(`hostile-${name}`);
    for (const method of ['PUT', 'DELETE'] as const) {
      const answer = await fixture.calls.editActivity(method, conversationId, badActivity, { text: 'x' });
      assert.equal(answer.status, 400);
      const body = answer.json as { code: string; details: { path: string }[] };
      assert.equal(body.code, 'InvalidBody');
      assert.deepEqual(
        body.details.map((d) => d.path),
        [path],
      );
    }
    assert.equal(attempts(`hostile-${name}`), before);
  });
}

const HOSTILE_BODIES: [string, string, number, string, string?][] = [
  ['an extra key', '{"text":"x","foo":1}', 400, 'InvalidBody', 'foo'],
  ['text a number', '{"text":5}', 400, 'InvalidBody', 'text'],
  ['an empty object', '{}', 400, 'InvalidBody', 'text'],
  ['empty text', '{"text":""}', 400, 'InvalidBody', 'text'],
  [
    'a bad attachment',
    '{"attachments":[{"contentType":"x","contentUrl":"file:///etc/passwd"}]}',
    400,
    'InvalidBody',
    'attachments.0.contentUrl',
  ],
  ['__proto__', '{"text":"x","__proto__":{"a":1}}', 400, 'InvalidBody', '__proto__'],
  ['not JSON', '{"text":', 400, 'InvalidJson'],
  ['an array', '["x"]', 400, 'InvalidBody'],
  ['no body', '', 400, 'EmptyBody'],
  ['over 256 KiB', JSON.stringify({ text: 'x'.repeat(300 * 1024) }), 413, 'PayloadTooLarge'],
  ['text over 16,000 characters', JSON.stringify({ text: 'x'.repeat(16_001) }), 400, 'InvalidBody', 'text'],
];

for (const [name, body, status, code, path] of HOSTILE_BODIES) {
  test(`hostile update body (${name}): ${status} ${code}, nothing sent`, async () => {
    const activityId = await sent('hostile-bodies');
    const before = attempts('hostile-bodies');
    const answer = await fixture.calls.editActivity('PUT', 'hostile-bodies', activityId, body);
    assert.equal(answer.status, status, JSON.stringify(answer.json));
    const json = answer.json as { code: string; details?: { path: string }[] };
    assert.equal(json.code, code);
    if (path)
      assert.deepEqual(
        json.details?.map((d) => d.path),
        [path],
      );
    assert.equal(attempts('hostile-bodies'), before);
  });
}

test('storage down: 503 StorageUnavailable, nothing sent (on an instance that has not cached the reference)', async () => {
  const activityId = await sent('edit-outage');
  const before = attempts('edit-outage');
  const other = fixture.env.createApp();
  await fixture.env.azurite.pause();
  try {
    const answer = await new NotifyCalls(other).editActivity('DELETE', 'edit-outage', activityId);
    assert.equal(answer.status, 503);
    assert.equal((answer.json as { code: string }).code, 'StorageUnavailable');
    assert.equal(answer.headers.get('retry-after'), '5');
  } finally {
    await fixture.env.azurite.resume();
    await other.channel.close();
  }
  assert.equal(attempts('edit-outage'), before);
});
