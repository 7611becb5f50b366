import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { messagesFunction } from '../../messages/messagesFunction';
import { userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { useNotifyFixture } from '../support/notifyFixture';

const fixture = useNotifyFixture();

/** Shapes of ids seen from real channels: Teams' `19:...@thread.v2`, `a:1;messageid=2`, and non-ASCII. */
const conversationIds = [
  '19:abc@thread.v2;messageid=1700000000000',
  'a:1=b;c@d',
  'café conversation',
  '会話-1',
  'emoji 😀 chat',
  'path/with/slashes and spaces',
  '%41 not an escape?#&+',
];

for (const [index, conversationId] of conversationIds.entries()) {
  test(`conversation id ${JSON.stringify(conversationId)}: user turns are answered, notify finds it and sends`, async () => {
    const userId = `29:user-${index}@é`;
    const where = fixture.env.where(conversationId, userId);
    const activityId = `1:${conversationId};é/${index}`;
    const turn = await callFunction(
      messagesFunction(fixture.app.endpoint),
      JSON.stringify({ ...userMessage(where, 'help'), id: activityId }),
    );
    assert.equal(turn.status, 200, JSON.stringify(turn.json));
    assert.deepEqual(fixture.env.channel.textsIn(conversationId), [botTexts.help]);
    const reply = fixture.env.channel.received.find((r) => r.conversationId === conversationId);
    assert.equal(reply?.replyToId, activityId, 'the reply names the activity it answers, decoded');

    const byConversation = await fixture.calls.notify({ to: { conversationId }, text: 'by conversation' });
    assert.equal(byConversation.status, 200, JSON.stringify(byConversation.json));
    const byUser = await fixture.calls.notify({ to: { userId }, text: 'by user' });
    assert.equal(byUser.status, 200, JSON.stringify(byUser.json));
    const sentId = fixture.env.channel.received.at(-1)?.id;
    assert.deepEqual(byUser.json, {
      results: [{ userId, conversationId, status: 'sent', activityId: sentId }],
    });

    const dialog = await fixture.calls.notify({ to: { conversationId }, mode: 'dialog' });
    assert.equal(dialog.status, 200, JSON.stringify(dialog.json));
    const done = await fixture.calls.say(where, 'done');
    assert.equal(done.status, 200, JSON.stringify(done.json));

    assert.deepEqual(fixture.env.channel.textsIn(conversationId), [
      botTexts.help,
      'by conversation',
      'by user',
      botTexts.interruption,
      botTexts.backToIdle,
    ]);
    const replies = fixture.env.channel.received.filter((r) => r.conversationId === conversationId);
    for (const received of replies) {
      assert.deepEqual(received.activity.conversation, { id: conversationId });
    }
    assert.deepEqual(fixture.env.channel.conversationIdHeaders, [], 'no id in a header');
  });
}
