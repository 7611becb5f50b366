import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { useNotifyFixture } from '../support/notifyFixture';

const fixture = useNotifyFixture();

const where = (conversationId: string, userId?: string) => fixture.env.where(conversationId, userId);

/** Prompt mode's question, with its choices typed out after it. */
const promptQuestion = (question: string) =>
  botTexts.withChoices(question, [botTexts.stayInSurvey, botTexts.backToWhereIWas]);

async function sayAll(conversationId: string, texts: string[]): Promise<void> {
  for (const text of texts) assert.equal((await fixture.calls.say(where(conversationId), text)).status, 200);
}

test('message mode: an ad hoc message, and the question asked before can still be answered', async () => {
  await sayAll('m1', ['pizza']);
  const answer = await fixture.calls.notify({ to: { userId: 'user-of-m1' }, text: 'Your report is ready' });
  assert.equal(answer.status, 200);
  assert.deepEqual(answer.json, {
    results: [
      {
        userId: 'user-of-m1',
        conversationId: 'm1',
        status: 'sent',
        activityId: fixture.env.channel.received.at(-1)?.id,
      },
    ],
  });
  await sayAll('m1', ['ham']);
  assert.deepEqual(fixture.env.channel.textsIn('m1'), [
    botTexts.askToppings,
    'Your report is ready',
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('dialog mode: interrupts, reminds inside, and "done" resumes the pending question', async () => {
  await sayAll('d1', ['pizza']);
  const answer = await fixture.calls.notify({ to: { conversationId: 'd1' }, mode: 'dialog' });
  assert.equal(answer.status, 200);
  await sayAll('d1', ['what is this?', 'done', 'ham']);
  assert.deepEqual(fixture.env.channel.textsIn('d1'), [
    botTexts.askToppings,
    botTexts.interruption,
    botTexts.surveyReminder('what is this?'),
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('prompt mode: opens with the choice, and "Get back to where I was" resumes', async () => {
  await sayAll('p1', ['quote']);
  const answer = await fixture.calls.notify({ to: { conversationId: 'p1' }, mode: 'prompt' });
  assert.equal(answer.status, 200);
  const prompt = fixture.env.channel.received.filter((r) => r.conversationId === 'p1').at(-1)?.activity;
  assert.equal(prompt?.text, promptQuestion(botTexts.interruptionChoice));
  const actions = (prompt?.suggestedActions as { actions: { title: string }[] }).actions.map((a) => a.title);
  assert.deepEqual(actions, [botTexts.stayInSurvey, botTexts.backToWhereIWas]);
  await sayAll('p1', [botTexts.backToWhereIWas, 'MSFT']);
  const texts = fixture.env.channel.textsIn('p1');
  assert.deepEqual(texts.slice(0, 3), [
    botTexts.askSymbol,
    promptQuestion(botTexts.interruptionChoice),
    botTexts.askSymbol,
  ]);
  assert.match(texts[3] ?? '', /^The current price of MSFT is \d+\.\d\d$/);
  assert.equal(texts.length, 4);
});

test('prompt mode: "Stay in this survey" stays until done', async () => {
  await sayAll('p2', ['pizza']);
  await fixture.calls.notify({ to: { conversationId: 'p2' }, mode: 'prompt', text: 'Quick question?' });
  await sayAll('p2', [botTexts.stayInSurvey, 'fine', 'done', 'cheese']);
  assert.deepEqual(fixture.env.channel.textsIn('p2'), [
    botTexts.askToppings,
    promptQuestion('Quick question?'),
    botTexts.staying,
    botTexts.surveyReminder('fine'),
    botTexts.askToppings,
    botTexts.pizzaOrdered('cheese'),
  ]);
});

test('resetStack: the original dialog is cancelled, and the bot says so', async () => {
  await sayAll('r1', ['pizza']);
  await fixture.calls.notify({
    to: { conversationId: 'r1' },
    mode: 'dialog',
    resetStack: true,
    text: 'Survey time.',
  });
  await sayAll('r1', ['done', 'help']);
  assert.deepEqual(fixture.env.channel.textsIn('r1'), [
    botTexts.askToppings,
    botTexts.stackReset,
    'Survey time.',
    botTexts.backToIdle,
    botTexts.help,
  ]);
});

test('an interruption with nothing pending says it is back when done', async () => {
  await sayAll('i1', ['help']);
  await fixture.calls.notify({ to: { userId: 'user-of-i1' }, mode: 'dialog' });
  await sayAll('i1', ['done']);
  assert.deepEqual(fixture.env.channel.textsIn('i1').slice(1), [botTexts.interruption, botTexts.backToIdle]);
});
