import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import type { AppServices } from '../../src/app/createApp';
import { botTexts } from '../../src/bot/botTexts';
import { azuriteConnectionString } from '../../src/localHost/AzuriteProcess';
import { containerNames } from '../../src/storage/containerNames';
import { conversationUpdate, userMessage } from '../support/activities';
import { callFunction } from '../support/callFunction';
import type { CallResult } from '../support/callFunction';
import { TestApp } from '../support/testApp';

let env: TestApp;
let app: AppServices;

before(async () => {
  env = await TestApp.start();
  app = env.createApp();
});
after(async () => {
  env.proxy.fail = undefined;
  await app.channel.close();
  await env.stop();
});

const post = (activity: unknown, services = app) =>
  callFunction(messagesFunction(services.endpoint), JSON.stringify(activity));
const say = (conversationId: string, text: string, services = app) =>
  post(userMessage(env.where(conversationId), text), services);

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function assertError(answer: CallResult, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.json));
  const body = answer.json as { code?: unknown; error?: unknown };
  assert.equal(body.code, code);
  assert.equal(typeof body.error, 'string');
}

const isStateWrite = (request: { method: string; path: string }) =>
  request.method === 'PUT' && request.path.includes(`/${containerNames.botState}/`);

test('a turn whose state cannot be saved answers 500 TurnFailed; the user gets the apology and nothing else', async () => {
  assert.equal((await say('conv-fail', 'pizza')).status, 200);
  env.proxy.fail = (request) => (isStateWrite(request) ? 400 : undefined);
  try {
    assertError(await say('conv-fail', 'ham'), 500, 'TurnFailed');
  } finally {
    env.proxy.fail = undefined;
  }
  assert.deepEqual(env.channel.textsIn('conv-fail'), [botTexts.askToppings, botTexts.turnFailed]);
  // Nothing of the failed turn was kept: the channel's retry runs it again, from the same state.
  assert.equal((await say('conv-fail', 'ham')).status, 200);
  assert.deepEqual(env.channel.textsIn('conv-fail'), [
    botTexts.askToppings,
    botTexts.turnFailed,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('storage failing while the turn saves answers 503 StorageUnavailable with Retry-After, and only the apology', async () => {
  assert.equal((await say('conv-save-down', 'pizza')).status, 200);
  env.proxy.fail = (request) => (isStateWrite(request) ? 503 : undefined);
  let answer: CallResult;
  try {
    answer = await say('conv-save-down', 'ham');
  } finally {
    env.proxy.fail = undefined;
  }
  assertError(answer, 503, 'StorageUnavailable');
  assert.equal(answer.headers.get('retry-after'), '5');
  assert.deepEqual(env.channel.textsIn('conv-save-down'), [botTexts.askToppings, botTexts.turnFailed]);
});

test('storage unreachable (closed port) answers 503 StorageUnavailable and sends only the apology', async () => {
  const down = env.createApp({ BOT_STORAGE: azuriteConnectionString(await closedPort()) });
  try {
    const answer = await say('conv-down', 'help', down);
    assertError(answer, 503, 'StorageUnavailable');
    assert.equal(answer.headers.get('retry-after'), '5');
    assert.deepEqual(env.channel.textsIn('conv-down'), [botTexts.turnFailed]);

    const update = await post(conversationUpdate(env.where('conv-down-update'), { added: ['u1'] }), down);
    assertError(update, 503, 'StorageUnavailable');
    assert.deepEqual(env.channel.textsIn('conv-down-update'), [], 'no apology for what nobody said');
  } finally {
    await down.channel.close();
  }
});

test('an invoke is answered 200 with an empty invoke response, without a turn: no storage request at all', async () => {
  const before = {
    state: await env.azurite.blobNames(containerNames.botState),
    references: await env.azurite.blobNames(containerNames.references),
  };
  env.proxy.take();
  const invoke = {
    ...userMessage(env.where('conv-invoke'), ''),
    type: 'invoke',
    name: 'adaptiveCard/action',
  };
  const answer = await post(invoke);
  assert.equal(answer.status, 200);
  assert.equal(answer.json, undefined);
  assert.deepEqual(env.proxy.take(), [], 'nothing read or written');
  assert.deepEqual(await env.azurite.blobNames(containerNames.botState), before.state);
  assert.deepEqual(await env.azurite.blobNames(containerNames.references), before.references);
  assert.deepEqual(env.channel.textsIn('conv-invoke'), []);
});
