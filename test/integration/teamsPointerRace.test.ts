import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { callFunction } from '../support/callFunction';
import { useNotifyFixture } from '../support/notifyFixture';
import { mentionMessage, teamsMessage } from '../support/teamsActivities';
import type { TeamsScope, TeamsWhere } from '../support/teamsActivities';

const fixture = useNotifyFixture();

const USERS = 12;

const post = (activity: unknown) =>
  callFunction(messagesFunction(fixture.app.endpoint), JSON.stringify(activity)).then((a) => a.status);

function at(scope: TeamsScope, conversationId: string, userId: string): TeamsWhere {
  return { serviceUrl: fixture.env.channel.serviceUrl, conversationId, scope, userId };
}

test(`${USERS} users speaking in their personal chat and in group chats at the same moment stay pointed at personal`, async () => {
  const users = Array.from({ length: USERS }, (_, index) => `29:racer-${index}`);
  const statuses = await Promise.all(
    users.flatMap((user, index) => [
      post(mentionMessage(at('groupChat', `19:race-a-${index}@thread.v2`, user), 'help')),
      post(teamsMessage(at('personal', `a:race-${index}`, user), 'help')),
      post(mentionMessage(at('channel', `19:race-b-${index}@thread.tacv2`, user), 'help')),
    ]),
  );
  assert.ok(
    statuses.every((status) => status === 200),
    statuses.join(),
  );
  const wrong: string[] = [];
  for (const [index, user] of users.entries()) {
    const pointed = await fixture.app.references.findByUser(user, 'msteams');
    if (pointed?.conversationId !== `a:race-${index}`) wrong.push(`${user} -> ${pointed?.conversationId}`);
  }
  assert.deepEqual(wrong, []);
});
