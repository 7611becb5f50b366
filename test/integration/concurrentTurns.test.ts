import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { botTexts } from '../../src/bot/botTexts';
import { conversationUpdate } from '../support/activities';
import { callFunction } from '../support/callFunction';
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
  const poll = (id: string) =>
    botTexts.withChoices(`Poll for ${id}`, [botTexts.stayInSurvey, botTexts.backToWhereIWas]);
  for (const id of ids) {
    const from = start.get(id) ?? 0;
    const raced = since(id, from);
    assert.equal(raced[0], botTexts.askSymbol);
    assert.equal(raced.length, 3, `${id}: ${JSON.stringify(raced)}`);
    await say(id, botTexts.backToWhereIWas);
    if (raced.some((text) => PRICE.test(text))) {
      assert.ok(raced.includes(poll(id)), `${id}: ${JSON.stringify(raced)}`);
      assert.deepEqual(since(id, from + 3), [botTexts.backToIdle]);
    } else {
      assert.deepEqual(raced.slice(1), [poll(id), poll(id)], `${id}: the choice is asked again`);
      assert.deepEqual(since(id, from + 3), [botTexts.askSymbol]);
      await say(id, 'MSFT');
      assert.match(since(id, from + 4)[0] ?? '', PRICE);
    }
  }
  assert.ok(fixture.app.stats.conflictRetries > 0, 'the races really happened (turns were run again)');
});

/**
 * What each serial order of a brand-new group conversation's first turns says, besides the welcome:
 * user A's `pizza`, user B's `help` and a `dialog` notify. Whatever order the turns' saves took, the
 * conversation must have heard one of these, and its state must be the one that order left.
 */
function serialOutcomes(survey: string): { order: string; replies: string[]; pizzaUnderSurvey: boolean }[] {
  const { askToppings, help, pizzaOrdered, surveyReminder } = botTexts;
  return [
    {
      order: 'pizza, help, notify',
      replies: [askToppings, pizzaOrdered('help'), survey],
      pizzaUnderSurvey: false,
    },
    {
      order: 'pizza, notify, help',
      replies: [askToppings, survey, surveyReminder('help')],
      pizzaUnderSurvey: true,
    },
    { order: 'help, pizza, notify', replies: [help, askToppings, survey], pizzaUnderSurvey: true },
    {
      order: 'help, notify, pizza',
      replies: [help, survey, surveyReminder('pizza')],
      pizzaUnderSurvey: false,
    },
    {
      order: 'notify, then pizza and help',
      replies: [survey, surveyReminder('pizza'), surveyReminder('help')],
      pizzaUnderSurvey: false,
    },
  ];
}

/** A `dialog` notify fired with the first turns: retried while the conversation is not known yet. */
async function interruptOnceKnown(conversationId: string, text: string): Promise<string> {
  for (let tries = 0; tries < 500; tries += 1) {
    const answer = await fixture.calls.notify({ to: { conversationId }, mode: 'dialog', text });
    if (answer.status === 404) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    const results = (answer.json as { results?: { status: string }[] }).results;
    return `${answer.status} ${results?.[0]?.status ?? JSON.stringify(answer.json)}`;
  }
  return 'never found';
}

test(`the first turns of ${CONVERSATIONS} brand-new group conversations, all at once, lose nothing`, async () => {
  const firstIds = ids.map((id) => `first-${id}`);
  const userA = (id: string) => where(id, `a-of-${id}`);
  const userB = (id: string) => where(id, `b-of-${id}`);
  const messages = messagesFunction(fixture.app.endpoint);
  const { conflictRetries, creationConflicts } = fixture.app.stats;
  const answers = await Promise.all(
    firstIds.map((id) =>
      Promise.all([
        callFunction(messages, JSON.stringify(conversationUpdate(userA(id), { added: [`a-of-${id}`] }))).then(
          (answer) => String(answer.status),
        ),
        fixture.calls.say(userA(id), 'pizza').then((answer) => String(answer.status)),
        fixture.calls.say(userB(id), 'help').then((answer) => String(answer.status)),
        interruptOnceKnown(id, `Survey for ${id}`),
      ]),
    ),
  );
  assert.deepEqual(
    answers,
    firstIds.map(() => ['200', '200', '200', '200 sent']),
  );

  const lost: string[] = [];
  for (const id of firstIds) {
    const heard = fixture.env.channel.textsIn(id);
    const outcome = serialOutcomes(`Survey for ${id}`).find(
      ({ replies }) =>
        JSON.stringify([botTexts.welcome, ...replies].sort()) === JSON.stringify([...heard].sort()),
    );
    if (!outcome) {
      lost.push(`${id} heard what no serial order says: ${JSON.stringify(heard)}`);
      continue;
    }
    // The state must be the one that order left: the survey on top, the pizza question under it or not.
    await fixture.calls.say(userA(id), 'done');
    const afterDone = since(id, heard.length);
    if (outcome.pizzaUnderSurvey) {
      await fixture.calls.say(userA(id), 'ham');
      const expected = [botTexts.askToppings, botTexts.pizzaOrdered('ham')];
      if (JSON.stringify(since(id, heard.length)) !== JSON.stringify(expected)) {
        lost.push(`${id} (${outcome.order}): ${JSON.stringify(since(id, heard.length))}`);
      }
    } else if (JSON.stringify(afterDone) !== JSON.stringify([botTexts.backToIdle])) {
      lost.push(`${id} (${outcome.order}): ${JSON.stringify(afterDone)}`);
    }
    const reference = await fixture.app.references.findByConversation(id);
    const pointedA = await fixture.app.references.findByUser(`a-of-${id}`);
    const pointedB = await fixture.app.references.findByUser(`b-of-${id}`);
    if (!reference || pointedA?.conversationId !== id || pointedB?.conversationId !== id) {
      lost.push(`${id}: reference or user pointers missing`);
    }
  }
  assert.deepEqual(lost, [], `lost ${lost.length} of ${CONVERSATIONS}`);
  assert.ok(fixture.app.stats.conflictRetries > conflictRetries, 'turns were run again');
  assert.ok(
    fixture.app.stats.creationConflicts > creationConflicts,
    'first turns really raced to create the state (If-None-Match refused some)',
  );
});

test('a notify sent the moment the first reply arrives finds the conversation and the user', async () => {
  const id = 'seen-first-reply';
  const notified: string[] = [];
  fixture.env.channel.beforeAnswer = async (received) => {
    if (received.conversationId !== id || notified.length) return;
    notified.push('pending');
    const byConversation = await fixture.calls.notify({
      to: { conversationId: id },
      text: 'by conversation',
    });
    const byUser = await fixture.calls.notify({ to: { userId: `user-of-${id}` }, text: 'by user' });
    notified.splice(0, 1, String(byConversation.status), String(byUser.status));
  };
  try {
    await say(id, 'pizza');
  } finally {
    fixture.env.channel.beforeAnswer = undefined;
  }
  assert.deepEqual(notified, ['200', '200'], 'the reference and the pointer were there before the reply');
  assert.deepEqual(
    fixture.env.channel.textsIn(id).sort(),
    [botTexts.askToppings, 'by conversation', 'by user'].sort(),
  );
});
