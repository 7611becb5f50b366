import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConversationState, MemoryStorage } from 'botbuilder';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { botTexts } from '../../src/bot/botTexts';
import { InterruptionDialog } from '../../src/bot/dialogs/InterruptionDialog';
import { MainDialog } from '../../src/bot/dialogs/MainDialog';
import { StockAlertDialog } from '../../src/bot/dialogs/StockAlertDialog';
import { INTERRUPT_EVENT } from '../../src/bot/proactive/interruptionEvent';
import type { Interruption } from '../../src/bot/proactive/interruptionEvent';

/** Each conversation scope, and whether its choices must be card buttons (Teams cannot show suggested actions there). */
const scopes: { name: string; channelId: string; conversationType?: string; onCard: boolean }[] = [
  { name: 'Teams personal chat', channelId: 'msteams', conversationType: 'personal', onCard: false },
  { name: 'Teams group chat', channelId: 'msteams', conversationType: 'groupChat', onCard: true },
  { name: 'Teams channel', channelId: 'msteams', conversationType: 'channel', onCard: true },
  { name: 'Teams without conversationType', channelId: 'msteams', onCard: false },
  {
    name: 'a group conversation on another channel (webchat)',
    channelId: 'webchat',
    conversationType: 'groupChat',
    onCard: false,
  },
];

const ALERT_SENTENCE =
  'Sorry to interrupt, but you asked me to warn you when GOOG reached 150. It is now 151.20. Do you want to sell it now?';
const PROMPT_QUESTION =
  'Sorry to interrupt! Would you like to answer a quick survey? (Stay in this survey / Get back to where I was)';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Scope = (typeof scopes)[number];

interface Card {
  type: string;
  version: string;
  body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
  actions: { type: string; title: string; data: unknown }[];
}

function client(scope: Scope): DialogTestClient {
  const dialog = new MainDialog(
    { getPrices: () => Promise.resolve(new Map()) },
    {
      arm: () => Promise.resolve(''),
      list: () => Promise.resolve(''),
      cancel: () => Promise.resolve(''),
    },
  );
  return new DialogTestClient(
    scope.channelId,
    dialog,
    undefined,
    [],
    new ConversationState(new MemoryStorage()),
  );
}

function conversation(scope: Scope): Partial<Activity> {
  return {
    conversation: {
      id: `conversation-in-${scope.name}`,
      isGroup: scope.onCard,
      conversationType: scope.conversationType as string,
      name: '',
    },
  };
}

async function interrupt(
  bot: DialogTestClient,
  scope: Scope,
  interruption: Interruption,
): Promise<Partial<Activity>> {
  const event = { type: 'event', name: INTERRUPT_EVENT, value: interruption, ...conversation(scope) };
  const reply = (await bot.sendActivity(event)) as Partial<Activity> | undefined;
  assert.ok(reply, 'the interruption says something');
  assert.equal(bot.getNextReply(), undefined, 'in one message');
  return reply;
}

async function say(bot: DialogTestClient, scope: Scope, text: string): Promise<(string | undefined)[]> {
  const texts = [
    ((await bot.sendActivity({ type: 'message', text, ...conversation(scope) })) as Partial<Activity>)?.text,
  ];
  for (let next = bot.getNextReply() as Partial<Activity> | undefined; next; next = bot.getNextReply()) {
    texts.push(next.text);
  }
  return texts;
}

function openPrompt(bot: DialogTestClient, scope: Scope): Promise<Partial<Activity>> {
  return interrupt(bot, scope, {
    id: 'prompt-1',
    dialogId: InterruptionDialog.id,
    options: { style: 'prompt' },
    resetStack: false,
  });
}

function fireAlert(bot: DialogTestClient, scope: Scope): Promise<Partial<Activity>> {
  return interrupt(bot, scope, {
    id: 'alert-1',
    dialogId: StockAlertDialog.id,
    options: { symbol: 'GOOG', direction: 'above', threshold: 150, price: 151.2 },
    resetStack: false,
  });
}

function cardOf(message: Partial<Activity>): Card {
  assert.equal(message.attachments?.length, 1, 'one card');
  const [attachment] = message.attachments ?? [];
  assert.equal(attachment?.contentType, ADAPTIVE);
  const card = attachment?.content as Card;
  assert.equal(card.type, 'AdaptiveCard');
  assert.ok(Number(card.version) <= 1.4, `card version ${card.version} is one Teams renders everywhere`);
  return card;
}

function assertButtons(card: Card, choices: string[]): void {
  assert.deepEqual(
    card.actions,
    choices.map((choice) => ({ type: 'Action.Submit', title: choice, data: { choice } })),
  );
}

function suggestedTitles(message: Partial<Activity>): string[] | undefined {
  return message.suggestedActions?.actions.map((a) => `${a.type}:${a.title}=${String(a.value)}`);
}

const surveyChoices = [botTexts.stayInSurvey, botTexts.backToWhereIWas];

for (const scope of scopes) {
  const shape = scope.onCard ? 'card buttons' : 'suggested actions';

  test(`${scope.name}: the prompt opens with its choices typed out and as ${shape}, and typing one answers`, async () => {
    const back = client(scope);
    const prompt = await openPrompt(back, scope);
    assert.equal(prompt.text, PROMPT_QUESTION);
    if (scope.onCard) {
      assert.equal(prompt.suggestedActions, undefined, 'Teams cannot show suggested actions here');
      assertButtons(cardOf(prompt), surveyChoices);
    } else {
      assert.equal(prompt.attachments, undefined);
      assert.deepEqual(suggestedTitles(prompt), [
        'imBack:Stay in this survey=Stay in this survey',
        'imBack:Get back to where I was=Get back to where I was',
      ]);
    }
    assert.deepEqual(await say(back, scope, 'Get back to where I was'), [botTexts.backToIdle]);
    const stay = client(scope);
    await openPrompt(stay, scope);
    assert.deepEqual(await say(stay, scope, 'stay in this survey'), [botTexts.staying]);
  });

  test(`${scope.name}: a prompt with its own text types the choices out after it`, async () => {
    const bot = client(scope);
    const prompt = await interrupt(bot, scope, {
      id: 'prompt-2',
      dialogId: InterruptionDialog.id,
      options: { style: 'prompt', text: 'Quick question?' },
      resetStack: false,
    });
    assert.equal(prompt.text, 'Quick question? (Stay in this survey / Get back to where I was)');
    assert.equal(prompt.attachments !== undefined, scope.onCard);
    assert.equal(prompt.suggestedActions === undefined, scope.onCard);
  });

  test(`${scope.name}: the price alert is a card with the sentence as its text and Yes / No ${scope.onCard ? 'on the card' : 'on the card and as suggested actions'}; typing answers`, async () => {
    const yes = client(scope);
    const alert = await fireAlert(yes, scope);
    assert.equal(alert.text, ALERT_SENTENCE);
    const card = cardOf(alert);
    const shown = JSON.stringify(card.body);
    for (const part of ['GOOG', 'above 150', '151.20'])
      assert.ok(shown.includes(part), `the card shows ${part}`);
    assertButtons(card, ['Yes', 'No']);
    if (scope.onCard) assert.equal(alert.suggestedActions, undefined);
    else assert.deepEqual(suggestedTitles(alert), ['imBack:Yes=Yes', 'imBack:No=No']);
    assert.deepEqual(await say(yes, scope, 'Yes'), [botTexts.sold, botTexts.backToIdle]);
    const no = client(scope);
    await fireAlert(no, scope);
    assert.deepEqual(await say(no, scope, 'no'), [botTexts.holding, botTexts.backToIdle]);
  });
}

test('group chat: a typed answer that is no choice asks again, card and all', async () => {
  const scope = scopes[1];
  assert.ok(scope);
  const bot = client(scope);
  const first = await openPrompt(bot, scope);
  const again = (await bot.sendActivity({
    type: 'message',
    text: 'what?',
    ...conversation(scope),
  })) as Partial<Activity>;
  assert.equal(again.text, PROMPT_QUESTION);
  assert.ok(again.attachments, 'the card again');
  assert.deepEqual(again.attachments, first.attachments);
});
