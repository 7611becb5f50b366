import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Activity } from 'botbuilder';
import { messagesFunction } from '../../messages/messagesFunction';
import { botTexts } from '../../src/bot/botTexts';
import { callFunction } from '../support/callFunction';
import { useNotifyFixture } from '../support/notifyFixture';
import { cardPress, teamsMessage } from '../support/teamsActivities';
import type { TeamsScope, TeamsWhere } from '../support/teamsActivities';

/**
 * Teams-shaped activities through the real `messages` endpoint and `notify`, against the loopback
 * channel: the prompt's choices and the price alert's Yes / No in a group chat and in a channel come
 * as Adaptive Card buttons (Teams shows no suggested actions there) and can be typed.
 */
const fixture = useNotifyFixture();

const GROUP_CHAT = '19:choices-group@thread.v2';
const CHANNEL = '19:choices-channel@thread.tacv2;messageid=1700000000000';
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const PROMPT_CHOICES = [botTexts.stayInSurvey, botTexts.backToWhereIWas];
const ALERT_SENTENCE = botTexts.stockAlert('GOOG', '150', '151.20');

const where = (conversationId: string, scope: TeamsScope): TeamsWhere => ({
  serviceUrl: fixture.env.channel.serviceUrl,
  conversationId,
  scope,
  userId: `29:user-in-${conversationId}`,
});

async function post(activity: Record<string, unknown>): Promise<void> {
  const result = await callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity));
  assert.equal(result.status, 200, JSON.stringify(result.json));
}

const say = (conversationId: string, scope: TeamsScope, text: string) =>
  post(teamsMessage(where(conversationId, scope), text));

const press = (conversationId: string, scope: TeamsScope, choice: string) =>
  post(cardPress(where(conversationId, scope), { choice }));

function lastIn(conversationId: string): Partial<Activity> {
  const last = fixture.env.channel.received.filter((r) => r.conversationId === conversationId).at(-1);
  assert.ok(last, `something was sent to ${conversationId}`);
  return last.activity;
}

/** The card buttons of a message, as `title=data` pairs. */
function buttonsOf(message: Partial<Activity>): string[] {
  assert.equal(message.suggestedActions, undefined, 'no suggested actions in a group chat or channel');
  assert.equal(message.attachments?.length, 1);
  const [card] = message.attachments ?? [];
  assert.equal(card?.contentType, ADAPTIVE);
  const actions = (card?.content as { actions: { type: string; title: string; data: unknown }[] }).actions;
  return actions.map((a) => `${a.type}:${a.title}=${JSON.stringify(a.data)}`);
}

async function promptIn(conversationId: string, scope: TeamsScope): Promise<Partial<Activity>> {
  await say(conversationId, scope, 'quote');
  const answer = await fixture.calls.notify({ to: { conversationId }, mode: 'prompt' });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return lastIn(conversationId);
}

async function alertIn(conversationId: string, scope: TeamsScope): Promise<Partial<Activity>> {
  await say(conversationId, scope, 'quote');
  const reference = await fixture.app.references.findByConversation(conversationId, 'msteams');
  assert.ok(reference, 'the conversation was recorded');
  const request = {
    mode: 'stockAlert' as const,
    alert: { symbol: 'GOOG', direction: 'above' as const, threshold: 150, price: 151.2 },
    deliveryId: `alert-in-${conversationId}`,
  };
  assert.equal((await fixture.app.delivery.deliver(reference, request)).status, 'sent');
  return lastIn(conversationId);
}

test('group chat: the prompt comes with card buttons and typed-out choices; typing one answers', async () => {
  const conversationId = `${GROUP_CHAT}-typed`;
  const prompt = await promptIn(conversationId, 'groupChat');
  assert.equal(prompt.text, botTexts.withChoices(botTexts.interruptionChoice, PROMPT_CHOICES));
  assert.deepEqual(buttonsOf(prompt), [
    'Action.Submit:Stay in this survey={"choice":"Stay in this survey"}',
    'Action.Submit:Get back to where I was={"choice":"Get back to where I was"}',
  ]);
  await say(conversationId, 'groupChat', botTexts.backToWhereIWas);
  assert.deepEqual(fixture.env.channel.textsIn(conversationId).slice(-1), [botTexts.askSymbol]);
});

test('channel: the price alert is a card with Yes / No buttons and the sentence as text; typing Yes answers', async () => {
  const conversationId = `${CHANNEL}-typed`;
  const alert = await alertIn(conversationId, 'channel');
  assert.equal(alert.text, ALERT_SENTENCE);
  assert.deepEqual(buttonsOf(alert), [
    'Action.Submit:Yes={"choice":"Yes"}',
    'Action.Submit:No={"choice":"No"}',
  ]);
  await say(conversationId, 'channel', 'Yes');
  assert.deepEqual(fixture.env.channel.textsIn(conversationId).slice(-2), [
    botTexts.sold,
    botTexts.askSymbol,
  ]);
});

// A card press posts `value: {"choice"}` and no text: the turn reads the choice as typed text.

test('group chat: pressing a prompt card button answers like typing it', async () => {
  const conversationId = `${GROUP_CHAT}-pressed`;
  await promptIn(conversationId, 'groupChat');
  await press(conversationId, 'groupChat', botTexts.stayInSurvey);
  assert.deepEqual(fixture.env.channel.textsIn(conversationId).slice(-1), [botTexts.staying]);
});

test('channel: pressing the alert card Yes button answers like typing it', async () => {
  const conversationId = `${CHANNEL}-pressed`;
  await alertIn(conversationId, 'channel');
  await press(conversationId, 'channel', botTexts.yes);
  assert.deepEqual(fixture.env.channel.textsIn(conversationId).slice(-2), [
    botTexts.sold,
    botTexts.askSymbol,
  ]);
});
