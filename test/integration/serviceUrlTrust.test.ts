import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { messagesFunction } from '../../messages/messagesFunction';
import type { AppServices } from '../../src/app/createApp';
import { botTexts } from '../../src/bot/botTexts';
import { userMessage } from '../support/activities';
import type { Where } from '../support/activities';
import { callFunction } from '../support/callFunction';
import { NotifyCalls } from '../support/notifyCalls';
import { TestChannel } from '../support/TestChannel';
import { TestApp } from '../support/testApp';

// Loopback only: the trusted channel listens on 127.0.0.1, "another server" on 127.0.0.2. Refused
// URLs are refused before any connection: the server on 127.0.0.2 counts connections to prove it.
let env: TestApp;
let other: TestChannel;
/** Anonymous, BOT_ALLOWED_SERVICE_URLS = the test channel's origin. */
let guarded: AppServices;
/** Anonymous, BOT_ALLOWED_SERVICE_URLS empty: loopback origins only. */
let loopback: AppServices;
let channelPort: string;
let otherPort: string;

before(async () => {
  env = await TestApp.start();
  other = new TestChannel();
  await other.start('127.0.0.2');
  channelPort = new URL(env.channel.serviceUrl).port;
  otherPort = new URL(other.serviceUrl).port;
  guarded = env.createApp({ BOT_ALLOWED_SERVICE_URLS: new URL(env.channel.serviceUrl).origin });
  loopback = env.createApp();
});
after(async () => {
  await guarded.channel.close();
  await loopback.channel.close();
  await other.stop();
  await env.stop();
});

const post = (app: AppServices, where: Where, text = 'help') =>
  callFunction(messagesFunction(app.endpoint), JSON.stringify(userMessage(where, text)));

const untrusted = (): string[] => [
  `http://127.0.0.2:${otherPort}/`,
  `http://localhost:1@127.0.0.2:${otherPort}/`,
  `http://127.0.0.1:${channelPort}@127.0.0.2:${otherPort}/`,
  `http://2130706434:${otherPort}/`, // decimal 127.0.0.2
  `http://0x7f000002:${otherPort}/`, // hex
  `http://0177.0.0.2:${otherPort}/`, // octal
  `http://127.0.0.2.:${otherPort}/`, // trailing dot
  `http://[::ffff:127.0.0.2]:${otherPort}/`,
  `http://localhost:${channelPort}/`, // the channel's port under another host name
  `https://127.0.0.1:${channelPort}/`, // another scheme
  `http://127.0.0.1:${otherPort}/`, // another port
];

test('an anonymous bot answers 403 UntrustedServiceUrl to any other service URL, however spelled, and changes nothing', async () => {
  for (const serviceUrl of untrusted()) {
    env.proxy.take();
    const sentBefore = env.channel.received.length;
    const answer = await post(guarded, { serviceUrl, conversationId: 'conv-ssrf', userId: 'ssrf-user' });
    assert.equal(answer.status, 403, serviceUrl);
    const body = answer.json as { code?: unknown; error?: unknown };
    assert.equal(body.code, 'UntrustedServiceUrl');
    assert.equal(typeof body.error, 'string');
    assert.deepEqual(env.proxy.take(), [], `no storage request for ${serviceUrl}`);
    assert.equal(env.channel.received.length, sentBefore, `nothing sent to the channel for ${serviceUrl}`);
  }
  assert.equal(other.connections, 0, 'nothing ever connected to 127.0.0.2');
  assert.equal(await guarded.references.findByConversation('conv-ssrf'), undefined);
});

test("nobody takes over a user's pointer by reusing their from.id with an untrusted service URL", async () => {
  const victim = { serviceUrl: env.channel.serviceUrl, conversationId: 'conv-victim', userId: 'victim' };
  assert.equal((await post(guarded, victim)).status, 200);
  const attacker = { serviceUrl: other.serviceUrl, conversationId: 'conv-attacker', userId: 'victim' };
  assert.equal((await post(guarded, attacker)).status, 403);
  const answer = await new NotifyCalls(guarded).notify({ to: { userId: 'victim' }, text: 'for the victim' });
  assert.deepEqual(answer.json, {
    results: [
      {
        userId: 'victim',
        conversationId: 'conv-victim',
        status: 'sent',
        activityId: env.channel.received.at(-1)?.id,
      },
    ],
  });
  assert.deepEqual(env.channel.textsIn('conv-victim'), [botTexts.help, 'for the victim']);
  assert.equal(other.connections, 0);
});

test('the trusted origin spelled otherwise (decimal host, upper-case scheme) is the same origin', async () => {
  for (const [index, serviceUrl] of [
    `http://2130706433:${channelPort}/`,
    `HTTP://127.0.0.1:${channelPort}`,
  ].entries()) {
    const conversationId = `conv-spelled-${index}`;
    assert.equal((await post(guarded, { serviceUrl, conversationId })).status, 200, serviceUrl);
    assert.deepEqual(env.channel.textsIn(conversationId), [botTexts.help]);
  }
});

test('with the setting empty, loopback origins on any port are trusted (127.0.0.2 spelled in hex)', async () => {
  const serviceUrl = `http://0x7f000002:${otherPort}/`;
  const answer = await post(loopback, { serviceUrl, conversationId: 'conv-loopback' });
  assert.equal(answer.status, 200);
  assert.deepEqual(other.textsIn('conv-loopback'), [botTexts.help]);
});

test('a stored reference to an origin that is not trusted any more gets no proactive send', async () => {
  const where = { serviceUrl: other.serviceUrl, conversationId: 'conv-stale', userId: 'stale-user' };
  assert.equal((await post(loopback, where)).status, 200);
  const connections = other.connections;
  for (const mode of ['message', 'dialog'] as const) {
    const answer = await new NotifyCalls(guarded).notify({
      to: { userId: 'stale-user' },
      mode,
      text: 'not for 127.0.0.2',
    });
    assert.equal(answer.status, 200);
    const [result] = (answer.json as { results: { status: string; error?: string }[] }).results;
    assert.equal(result?.status, 'failed', mode);
    assert.match(result?.error ?? '', /not trusted/);
  }
  assert.equal(other.connections, connections, 'no connection to the untrusted origin');
  assert.deepEqual(other.textsIn('conv-stale'), [botTexts.help]);
});

test('with an app id the service URL is left to token validation: no token is 401, nothing sent', async () => {
  const secured = env.createApp({
    MicrosoftAppId: 'app-id',
    MicrosoftAppPassword: 'secret',
    MicrosoftAppType: 'MultiTenant',
    BOT_ALLOWED_SERVICE_URLS: new URL(env.channel.serviceUrl).origin,
  });
  const connections = other.connections;
  const answer = await post(secured, { serviceUrl: other.serviceUrl, conversationId: 'conv-secured' });
  assert.equal(answer.status, 401);
  assert.equal((answer.json as { code: string }).code, 'Unauthorized');
  assert.equal(other.connections, connections);
  await secured.channel.close();
});
