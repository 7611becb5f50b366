import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { useNotifyFixture } from '../support/notifyFixture';

const CONVERSATIONS = 20;
const PRICE = /^The current price of MSFT is \d+\.\d\d$/;

const fixture = useNotifyFixture();

const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `race-${i}`);
const where = (conversationId: string, userId?: string) => fixture.env.where(conversationId, userId);

async function say(conversationId: string, text: string): Promise<void> {
  assert.equal((await fixture.calls.say(where(conversationId), text)).status, 200);
}

async function interrupt(conversationId: string, mode: 'dialog' | 'prompt', text: string): Promise<void> {
  const answer = await fixture.calls.notify({ to: { conversationId }, mode, text });
  assert.equal(answer.status, 200);
  assert.equal((answer.json as { results: { status: string }[] }).results[0]?.status, 'sent');
}

/** The messages a conversation got since `from`. */
const since = (conversationId: string, from: number) =>
  fixture.env.channel.textsIn(conversationId).slice(from);

test(`user turns and interruptions racing on ${CONVERSATIONS} conversations lose nothing and say nothing twice`, async () => {
  // Round 1: a pending pizza question; the answer and a `dialog` interruption arrive at once.
  await Promise.all(ids.map((id) => say(id, 'pizza')));
  await Promise.all(ids.flatMap((id) => [say(id, 'ham'), interrupt(id, 'dialog', `Survey for ${id}`)]));
  for (const id of ids) {
    // The state decides the order the turns ran in; their messages may reach the channel either way.
    const raced = since(id, 1).sort();
    const answerFirst = [botTexts.pizzaOrdered('ham'), `Survey for ${id}`].sort();
    const interruptionFirst = [`Survey for ${id}`, botTexts.surveyReminder('ham')].sort();
    assert.ok(
      JSON.stringify(raced) === JSON.stringify(answerFirst) ||
        JSON.stringify(raced) === JSON.stringify(interruptionFirst),
      `${id}: ${JSON.stringify(raced)}`,
    );
    await say(id, 'done');
    if (raced.includes(botTexts.surveyReminder('ham'))) {
      assert.deepEqual(since(id, 3), [botTexts.askToppings], `${id} resumes the pizza question`);
      await say(id, 'ham');
      assert.deepEqual(since(id, 4), [botTexts.pizzaOrdered('ham')]);
    } else {
      assert.deepEqual(since(id, 3), [botTexts.backToIdle], `${id} has nothing to resume`);
    }
  }

  // Round 2: a pending symbol question; the symbol and a `prompt` interruption arrive at once.
  const start = new Map(ids.map((id) => [id, fixture.env.channel.textsIn(id).length]));
  await Promise.all(ids.map((id) => say(id, 'quote')));
  await Promise.all(ids.flatMap((id) => [say(id, 'MSFT'), interrupt(id, 'prompt', `Poll for ${id}`)]));
  for (const id of ids) {
    const from = start.get(id) ?? 0;
    const raced = since(id, from);
    assert.equal(raced[0], botTexts.askSymbol);
    assert.equal(raced.length, 3, `${id}: ${JSON.stringify(raced)}`);
    await say(id, botTexts.backToWhereIWas);
    if (raced.some((text) => PRICE.test(text))) {
      assert.ok(raced.includes(`Poll for ${id}`), `${id}: ${JSON.stringify(raced)}`);
      assert.deepEqual(since(id, from + 3), [botTexts.backToIdle]);
    } else {
      assert.deepEqual(
        raced.slice(1),
        [`Poll for ${id}`, `Poll for ${id}`],
        `${id}: the choice is asked again`,
      );
      assert.deepEqual(since(id, from + 3), [botTexts.askSymbol]);
      await say(id, 'MSFT');
      assert.match(since(id, from + 4)[0] ?? '', PRICE);
    }
  }
  assert.ok(fixture.app.stats.conflictRetries > 0, 'the races really happened (turns were run again)');
});
