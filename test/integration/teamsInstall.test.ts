import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { botTexts } from '../../src/bot/botTexts';
import { callFunction } from '../support/callFunction';
import type { CallResult } from '../support/callFunction';
import { useNotifyFixture } from '../support/notifyFixture';
import {
  botMembership,
  installationUpdate,
  membersJoined,
  mentionMessage,
  teamsMessage,
} from '../support/teamsActivities';
import type { TeamsScope, TeamsWhere } from '../support/teamsActivities';

const fixture = useNotifyFixture();

const GREETING = "Hi! I'm the proactive bot. Type 'help' to see what I can do.";

const post = (activity: unknown): Promise<CallResult> =>
  callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity));

const conversationIds: Record<TeamsScope, (name: string) => string> = {
  personal: (name) => `a:1personal-${name}`,
  groupChat: (name) => `19:group-${name}@thread.v2`,
  channel: (name) => `19:channel-${name}@thread.tacv2`,
};

function at(scope: TeamsScope, name: string, userId = `29:installer-${name}`): TeamsWhere {
  return {
    serviceUrl: fixture.env.channel.serviceUrl,
    conversationId: conversationIds[scope](name),
    scope,
    userId,
  };
}

/** Sends `text` to the user by `to: {userId}` and says where it landed. */
async function notifyUser(userId: string, text: string): Promise<string | number> {
  const answer = await fixture.calls.notify({ to: { userId }, channelId: 'msteams', text });
  if (answer.status !== 200) return answer.status;
  const landed = fixture.env.channel.received.find((r) => r.activity.text === text);
  return landed?.conversationId ?? 'nowhere';
}

/** Both install activities, as the Playground and Teams send them: one after the other, or at once. */
async function install(where: TeamsWhere, together: boolean): Promise<void> {
  const activities = [installationUpdate(where, 'add'), botMembership(where, 'added')];
  const answers = together
    ? await Promise.all(activities.map(post))
    : [await post(activities[0]), await post(activities[1])];
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200],
  );
}

for (const scope of ['personal', 'groupChat', 'channel'] as const) {
  for (const together of [false, true]) {
    const name = `${scope}-${together ? 'together' : 'in-turn'}`;
    test(`install in ${scope} (${together ? 'both events at once' : 'one after the other'}): reference recorded before one greeting`, async () => {
      const where = at(scope, name);
      const duringGreeting: (string | number)[] = [];
      fixture.env.channel.beforeAnswer = async (received) => {
        if (received.conversationId !== where.conversationId || duringGreeting.length) return;
        duringGreeting.push('pending');
        const answer = await fixture.calls.notify({
          to: { conversationId: where.conversationId },
          text: `ping ${name}`,
        });
        const status = (answer.json as { results?: { status: string }[] }).results?.[0]?.status;
        duringGreeting.splice(0, 1, answer.status, status ?? 'none');
      };
      try {
        await install(where, together);
      } finally {
        fixture.env.channel.beforeAnswer = undefined;
      }
      assert.deepEqual(duringGreeting, [200, 'sent'], 'the reference was there before the greeting went out');
      assert.deepEqual(
        fixture.env.channel.textsIn(where.conversationId).sort(),
        [GREETING, `ping ${name}`].sort(),
      );
      assert.equal(botTexts.welcome, GREETING);
      // The installer is pointed at the conversation only when it is their personal chat.
      const pointed = await fixture.app.references.findByUser(where.userId, 'msteams');
      assert.equal(pointed?.conversationId, scope === 'personal' ? where.conversationId : undefined);
    });
  }
}

test('members joining after the install are not greeted again; a user turn after it is answered', async () => {
  const where = at('groupChat', 'joiners');
  await install(where, false);
  assert.equal((await post(membersJoined(where, ['29:newcomer', '29:another']))).status, 200);
  assert.equal((await post(mentionMessage({ ...where, userId: '29:newcomer' }, 'help'))).status, 200);
  assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), [GREETING, botTexts.help]);
});

const removals: { name: string; scope: TeamsScope; remove: (where: TeamsWhere) => unknown }[] = [
  { name: 'installationUpdate remove', scope: 'channel', remove: (w) => installationUpdate(w, 'remove') },
  { name: 'membersRemoved holding the bot', scope: 'groupChat', remove: (w) => botMembership(w, 'removed') },
  {
    name: 'installationUpdate remove in personal',
    scope: 'personal',
    remove: (w) => installationUpdate(w, 'remove'),
  },
];

for (const row of removals) {
  test(`removal (${row.name}) deletes the reference; adding the bot again greets again`, async () => {
    const where = at(row.scope, `removed-${row.name.length}-${row.scope}`);
    await install(where, false);
    assert.equal((await post(row.remove(where))).status, 200);
    const gone = await fixture.calls.notify({
      to: { conversationId: where.conversationId },
      text: 'after removal',
    });
    assert.equal(gone.status, 404);
    assert.equal(await notifyUser(where.userId, `user after removal ${row.name}`), 404);
    await install(where, false);
    assert.deepEqual(fixture.env.channel.textsIn(where.conversationId), [GREETING, GREETING]);
  });
}

test('to {userId}: where the user last spoke until a personal chat is known, then always the personal chat', async () => {
  const user = '29:speaker';
  const first = at('groupChat', 'first', user);
  const second = at('channel', 'second', user);
  await post(mentionMessage(first, 'help'));
  await post(mentionMessage(second, 'help'));
  assert.equal(await notifyUser(user, 'to second'), second.conversationId);
  await post(mentionMessage(first, 'help'));
  assert.equal(await notifyUser(user, 'to first'), first.conversationId);
  // The bot's install in the user's personal scope points the user there...
  const personal = at('personal', 'speaker', user);
  await post(installationUpdate(personal, 'add'));
  assert.equal(await notifyUser(user, 'to personal'), personal.conversationId);
  // ...and speaking in a group chat or channel afterwards does not take the pointer away.
  await post(mentionMessage(second, 'help'));
  await post(mentionMessage(first, 'help'));
  assert.equal(await notifyUser(user, 'private 1'), personal.conversationId);
  await post(teamsMessage(personal, 'help'));
  await post(mentionMessage(first, 'help'));
  assert.equal(await notifyUser(user, 'private 2'), personal.conversationId);
});

test('to {userId}: a user who speaks in personal and then in a group chat is reached in personal', async () => {
  const user = '29:personal-first';
  const personal = at('personal', 'personal-first', user);
  const group = at('groupChat', 'personal-first', user);
  await post(teamsMessage(personal, 'help'));
  await post(mentionMessage(group, 'help'));
  assert.equal(await notifyUser(user, 'private 3'), personal.conversationId);
});

test("to {userId}: installing the bot in a channel or group chat, or others' events there, move no pointer", async () => {
  const user = '29:installer';
  const spoke = at('groupChat', 'installer-spoke', user);
  await post(mentionMessage(spoke, 'help'));
  for (const scope of ['channel', 'groupChat'] as const) {
    const installedIn = at(scope, `installed-by-${scope}`, user);
    await install(installedIn, false);
    assert.equal((await post(membersJoined(installedIn, [user]))).status, 200);
  }
  assert.equal(await notifyUser(user, 'still where I spoke'), spoke.conversationId);
  const other = at('groupChat', 'installer-spoke', '29:someone-else');
  assert.equal((await post(membersJoined(other, ['29:third']))).status, 200);
  assert.equal(await notifyUser(user, 'and still'), spoke.conversationId);
  assert.equal(await notifyUser('29:third', 'never spoke'), 404);
});
