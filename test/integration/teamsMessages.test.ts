import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { botTexts } from '../../src/bot/botTexts';
import { containerNames } from '../../src/storage/containerNames';
import { blobSegment } from '../../src/storage/blobSegment';
import { callFunction } from '../support/callFunction';
import type { CallResult } from '../support/callFunction';
import { useNotifyFixture } from '../support/notifyFixture';
import {
  TEAMS_BOT,
  TEAMS_TENANT,
  cardPress,
  mention,
  mentionMessage,
  teamsMessage,
} from '../support/teamsActivities';
import type { TeamsScope, TeamsWhere } from '../support/teamsActivities';

const fixture = useNotifyFixture();

const post = (activity: unknown): Promise<CallResult> =>
  callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity));

function at(conversationId: string, scope: TeamsScope, userId = `29:user-of-${conversationId}`): TeamsWhere {
  return { serviceUrl: fixture.env.channel.serviceUrl, conversationId, scope, userId };
}

const ids = {
  personal: (name: string) => `a:1personal-${name}`,
  groupChat: (name: string) => `19:group-${name}@thread.v2`,
  channel: (name: string) => `19:channel-${name}@thread.tacv2;messageid=1700000000${name.length}`,
};

/** Messages that all mean `help` once the bot's own mention is taken out. */
const mentionCases: { name: string; scope: TeamsScope; text: string; entities: unknown[] }[] = [
  ...(['personal', 'groupChat', 'channel'] as const).map((scope) => ({
    name: `${scope}: <at>Proactive Bot</at> help`,
    scope,
    text: '<at>Proactive Bot</at> help',
    entities: [mention()],
  })),
  {
    name: 'channel: the bot under another display name',
    scope: 'channel',
    text: '<at>Stock Helper</at> help',
    entities: [mention('Stock Helper')],
  },
  {
    name: 'group chat: &nbsp; after the mention',
    scope: 'groupChat',
    text: '<at>Proactive Bot</at>&nbsp;help',
    entities: [mention()],
  },
  {
    name: 'group chat: &nbsp; inside the mention, the entity with a plain space',
    scope: 'groupChat',
    text: '<at>Proactive&nbsp;Bot</at>\u00a0help\n',
    entities: [mention()],
  },
  {
    name: 'channel: the mention after the words',
    scope: 'channel',
    text: 'help <at>Proactive Bot</at>',
    entities: [mention()],
  },
  {
    name: 'channel: an entity without text, known by its name',
    scope: 'channel',
    text: '<at>Proactive Bot</at> help',
    entities: [{ type: 'mention', mentioned: { id: TEAMS_BOT.id, name: 'Proactive Bot' } }],
  },
  {
    name: 'group chat: malformed mention entities next to the real one',
    scope: 'groupChat',
    text: '<at>Proactive Bot</at> help',
    entities: [
      { type: 'mention' },
      { type: 'Mention', mentioned: null, text: '<at>x</at>' },
      { type: 'mention', mentioned: 'bot', text: 'help' },
      { type: 'mention', mentioned: { id: TEAMS_BOT.id }, text: 42 },
      { type: 'mention', mentioned: { id: TEAMS_BOT.id }, text: 'h'.repeat(5000) },
      mention(),
    ],
  },
];

for (const [index, row] of mentionCases.entries()) {
  test(`the bot's own @mention is removed before the text is understood: ${row.name}`, async () => {
    const where = at(ids[row.scope](`mention-${index}`), row.scope);
    const answer = await post(teamsMessage(where, row.text, { entities: row.entities }));
    assert.equal(answer.status, 200);
    assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), [botTexts.help]);
  });
}

test("other people's mentions stay in the text; only the bot's goes", async () => {
  const where = at(ids.groupChat('others'), 'groupChat');
  await post(mentionMessage(where, 'pizza'));
  const alice = mention('Alice', '29:alice');
  await post(
    teamsMessage(where, '<at>Proactive Bot</at> ham for <at>Alice</at>', { entities: [mention(), alice] }),
  );
  assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), [
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham for <at>Alice</at>'),
  ]);
});

test('a card button press (value.choice, no text) answers exactly as typing the choice', async () => {
  const where = at(ids.personal('card'), 'personal');
  assert.equal((await post(teamsMessage(where, 'quote'))).status, 200);
  const notify = await fixture.calls.notify({ to: { conversationId: where.conversationId }, mode: 'prompt' });
  assert.equal(notify.status, 200);
  assert.equal((await post(cardPress(where, { choice: botTexts.backToWhereIWas }))).status, 200);
  assert.equal((await post(cardPress(where, { choice: 'MSFT' }))).status, 200);
  const texts = fixture.env.channel.textsIn(where.conversationId);
  const opening = botTexts.withChoices(botTexts.interruptionChoice, [
    botTexts.stayInSurvey,
    botTexts.backToWhereIWas,
  ]);
  assert.deepEqual(texts.slice(0, 3), [botTexts.askSymbol, opening, botTexts.askSymbol]);
  assert.match(texts[3] ?? '', /^The current price of MSFT is \d+\.\d\d$/);
  assert.equal(texts.length, 4);
});

test('a card press in a channel (`help`) is understood; values that are no choice are not read as text', async () => {
  const where = at(ids.channel('card-values'), 'channel');
  const notChoices: unknown[] = [
    { choice: 42 },
    { choice: '' },
    { choice: 'h'.repeat(501) },
    { choice: ['help'] },
    ['help'],
    'help',
    null,
    { other: 'help' },
  ];
  for (const value of notChoices) {
    assert.equal((await post(cardPress(where, value))).status, 200, JSON.stringify(value).slice(0, 40));
  }
  assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), []);
  assert.equal((await post(cardPress(where, { choice: 'help', extra: { deep: [1, 2] } }))).status, 200);
  assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), [botTexts.help]);
});

async function pointerBlob(userId: string): Promise<Record<string, unknown>> {
  const container = fixture.env.azurite.blobs().getContainerClient(containerNames.references);
  const body = await container.getBlobClient(`users/${blobSegment(userId)}/msteams`).downloadToBuffer();
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

test('the tenant (conversation.tenantId or channelData.tenant.id), scope and aadObjectId are recorded', async () => {
  const where: TeamsWhere = { ...at(ids.channel('tenant'), 'channel'), tenantIn: 'channelData' };
  await post(mentionMessage({ ...where, aadObjectId: 'aad-0001' }, 'help'));
  // Without the channel: found through the listing, i.e. the copy in the blob's metadata.
  const stored = await fixture.app.references.findByConversation(where.conversationId);
  assert.equal(stored?.tenantId, TEAMS_TENANT);
  assert.equal(stored?.conversationType, 'channel');
  assert.equal(stored?.aadObjectId, 'aad-0001');
  assert.deepEqual(await pointerBlob(where.userId), {
    channelId: 'msteams',
    userId: where.userId,
    conversationId: where.conversationId,
    conversationType: 'channel',
    tenantId: TEAMS_TENANT,
    aadObjectId: 'aad-0001',
  });

  const personal: TeamsWhere = { ...at(ids.personal('tenant'), 'personal'), tenantIn: 'conversation' };
  await post(teamsMessage({ ...personal, tenantId: 'tenant-b' }, 'help'));
  const inPersonal = await fixture.app.references.findByConversation(personal.conversationId, 'msteams');
  assert.equal(inPersonal?.tenantId, 'tenant-b');
  assert.equal(inPersonal?.conversationType, 'personal');
});

test('odd Teams fields (channelData null, a tenant that is no id) are left out, and the turn is answered', async () => {
  const where = at(ids.groupChat('odd'), 'groupChat');
  const cases: Record<string, unknown>[] = [
    { ...mentionMessage({ ...where, tenantIn: 'channelData' }, 'help'), channelData: null },
    { ...mentionMessage({ ...where, tenantIn: 'channelData' }, 'help'), channelData: { tenant: 'x' } },
    { ...mentionMessage({ ...where, tenantIn: 'channelData' }, 'help'), channelData: { tenant: { id: 7 } } },
    {
      ...mentionMessage({ ...where, tenantIn: 'conversation' }, 'help'),
      conversation: { id: where.conversationId, conversationType: 'evil' },
    },
  ];
  for (const activity of cases) assert.equal((await post(activity)).status, 200, JSON.stringify(activity));
  assert.deepEqual(
    fixture.env.channel.textsIn(where.conversationId),
    cases.map(() => botTexts.help),
  );
  const stored = await fixture.app.references.findByConversation(where.conversationId, 'msteams');
  assert.equal(stored?.tenantId, undefined);
  assert.equal(stored?.conversationType, 'groupChat', 'an unknown conversation type counts as a group');
});
