import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import { botTexts } from '../../src/bot/botTexts';
import { containerNames } from '../../src/storage/containerNames';
import { userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import type { SeenRequest } from '../support/CountingProxy';
import { useNotifyFixture } from '../support/notifyFixture';
import { TestApp } from '../support/testApp';

const fixture = useNotifyFixture();

async function say(conversationId: string, userId: string, text: string): Promise<SeenRequest[]> {
  fixture.env.proxy.take();
  const answer = await fixture.calls.say(fixture.env.where(conversationId, userId), text);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return fixture.env.proxy.take();
}

/** `METHOD container/key` of each request (bot-state blob names are the encoded key). */
const named = (requests: SeenRequest[]) =>
  requests.map((r) => {
    const path = (r.path.split('?')[0] ?? '').replace(/^\/devstoreaccount1\//, '');
    return `${r.method} ${decodeURIComponent(decodeURIComponent(path))}`;
  });

test("a new user's first turn costs 4 storage requests: the state is read, reference, state and pointer written", async () => {
  await say('warm-up', 'someone', 'help'); // The containers exist from here on.
  const requests = await say('first-conv', 'first-user', 'pizza');
  assert.deepEqual(fixture.env.channel.textsIn('first-conv'), [botTexts.askToppings]);
  assert.equal(requests.length, 4, named(requests).join('\n'));
  assert.deepEqual(
    named(requests.filter((r) => r.method === 'GET')),
    [`GET ${containerNames.botState}/conversations/test/first-conv`],
    "no read of a pointer (or user state) that a new conversation's sender cannot have yet",
  );
  assert.equal(requests.filter((r) => r.method === 'PUT').length, 3);
  const reference = await fixture.app.references.findByUser('first-user', 'test');
  assert.equal(reference?.conversationId, 'first-conv');
});

test('a steady turn reads the state and the pointer and writes the state: 3 requests', async () => {
  await say('steady-conv', 'steady-user', 'pizza');
  const requests = await say('steady-conv', 'steady-user', 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('steady-conv').at(-1), botTexts.pizzaOrdered('ham'));
  assert.equal(requests.length, 3, named(requests).join('\n'));
  assert.deepEqual(
    named(requests).sort(),
    [
      `GET ${containerNames.botState}/conversations/test/steady-conv`,
      `GET ${containerNames.references}/users/steady-user/test`,
      `PUT ${containerNames.botState}/conversations/test/steady-conv`,
    ].sort(),
  );
});

test('a known user speaking first in a new conversation: the pointer exists, so it is read and moved on condition', async () => {
  await say('known-a', 'known-user', 'help');
  const requests = await say('known-b', 'known-user', 'help');
  assert.equal((await fixture.app.references.findByUser('known-user', 'test'))?.conversationId, 'known-b');
  const pointer = `${containerNames.references}/users/known-user/test`;
  const onPointer = requests.filter(
    (r) => named([r])[0] === `PUT ${pointer}` || named([r])[0] === `GET ${pointer}`,
  );
  assert.deepEqual(
    onPointer.map((r) => `${r.method} ${r.status}`),
    ['PUT 409', 'GET 200', 'PUT 201'],
    'the blind create lost to the existing pointer, which was then read and moved',
  );
  // Back in the first conversation (no longer new): read, then moved back.
  await say('known-a', 'known-user', 'help');
  assert.equal((await fixture.app.references.findByUser('known-user', 'test'))?.conversationId, 'known-a');
});

test('16 new users at once in 16 new conversations: every pointer, reference and reply is there', async () => {
  const ids = Array.from({ length: 16 }, (_, i) => `crowd-${i}`);
  await Promise.all(ids.map((id) => say(id, `user-of-${id}`, 'pizza')));
  for (const id of ids) {
    assert.deepEqual(fixture.env.channel.textsIn(id), [botTexts.askToppings], id);
    assert.equal((await fixture.app.references.findByUser(`user-of-${id}`, 'test'))?.conversationId, id);
    assert.equal((await fixture.app.references.findByConversation(id, 'test'))?.conversationId, id);
  }
});

test('one new user opening two conversations at once: the pointer ends at one of them, never lost', async () => {
  await Promise.all([say('twin-a', 'twin-user', 'help'), say('twin-b', 'twin-user', 'help')]);
  const pointed = (await fixture.app.references.findByUser('twin-user', 'test'))?.conversationId;
  assert.ok(pointed === 'twin-a' || pointed === 'twin-b', String(pointed));
  assert.deepEqual(fixture.env.channel.textsIn('twin-a'), [botTexts.help]);
  assert.deepEqual(fixture.env.channel.textsIn('twin-b'), [botTexts.help]);
});

test('unpointing a user on removal deletes only a pointer still at that conversation', async () => {
  await say('left-a', 'leaver', 'help');
  await say('left-b', 'leaver', 'help');
  assert.equal(await fixture.app.references.unpointUser('leaver', 'test', 'left-a'), false);
  assert.equal((await fixture.app.references.findByUser('leaver', 'test'))?.conversationId, 'left-b');
  assert.equal(await fixture.app.references.unpointUser('leaver', 'test', 'left-b'), true);
  assert.equal(await fixture.app.references.findByUser('leaver', 'test'), undefined);
});

test("a fresh instance's first turn spends no request on containers that exist: still 4", async () => {
  await say('instance-warm', 'instance-user-0', 'help');
  const fresh = fixture.env.createApp();
  fixture.env.proxy.take();
  const answer = await callFunction(
    messagesFunction(fresh.endpoint),
    JSON.stringify(userMessage(fixture.env.where('instance-new', 'instance-user'), 'pizza')),
  );
  assert.equal(answer.status, 200);
  const requests = fixture.env.proxy.take();
  assert.equal(requests.length, 4, named(requests).join('\n'));
  assert.ok(!requests.some((r) => r.path.includes('restype=container')), named(requests).join('\n'));
});

test('on brand-new storage (no containers) the first turn creates them and keeps everything', async () => {
  const env = await TestApp.start();
  try {
    const app = env.createApp();
    const where = env.where('very-first', 'very-first-user');
    const answer = await callFunction(
      messagesFunction(app.endpoint),
      JSON.stringify(userMessage(where, 'pizza')),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.deepEqual(env.channel.textsIn('very-first'), [botTexts.askToppings]);
    assert.equal((await app.references.findByUser('very-first-user', 'test'))?.conversationId, 'very-first');
    assert.equal(
      (await app.references.findByConversation('very-first', 'test'))?.conversationId,
      'very-first',
    );
    assert.deepEqual(await env.azurite.blobNames(containerNames.botState), [
      encodeURIComponent('conversations/test/very-first'),
    ]);
    // The state it created is the state the next turn reads.
    await callFunction(messagesFunction(app.endpoint), JSON.stringify(userMessage(where, 'ham')));
    assert.deepEqual(env.channel.textsIn('very-first').at(-1), botTexts.pizzaOrdered('ham'));
  } finally {
    await env.stop();
  }
});
