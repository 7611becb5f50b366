import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { botTexts } from '../../src/bot/botTexts';
import { containerNames } from '../../src/storage/containerNames';
import { useNotifyFixture } from '../support/notifyFixture';
import type { Fault } from '../support/TestChannel';

/** Small bounds so that the test is quick; the defaults are 10 s a try, 4 retries, 30 s in all. */
const channelOptions = {
  tryTimeoutMs: 500,
  maxRetries: 3,
  minDelayMs: 50,
  maxDelayMs: 1_500,
  totalTimeoutMs: 5_000,
};

const fixture = useNotifyFixture({}, { channel: channelOptions });

const where = (conversationId: string, userId?: string) => fixture.env.where(conversationId, userId);

async function notifyTimed(body: object): Promise<{ status: string; error?: string; ms: number }> {
  const started = Date.now();
  const answer = await fixture.calls.notify(body);
  assert.equal(answer.status, 200);
  const [result] = (answer.json as { results: { status: string; error?: string }[] }).results;
  assert.ok(result);
  return { ...result, ms: Date.now() - started };
}

test('429 with Retry-After is retried after the wait it asks for, then sent', async () => {
  await fixture.calls.say(where('f429'), 'help');
  fixture.env.channel.misbehave('f429', [{ status: 429, headers: { 'retry-after': '1' } }]);
  const result = await notifyTimed({ to: { conversationId: 'f429' }, text: 'after a wait' });
  assert.equal(result.status, 'sent');
  assert.ok(result.ms >= 950, `waited ${result.ms} ms`);
  assert.equal(fixture.env.channel.textsIn('f429').at(-1), 'after a wait');
});

test('429 without Retry-After and 5xx are retried with backoff, then sent', async () => {
  await fixture.calls.say(where('fmix'), 'help');
  const before = fixture.env.channel.attempts.get('fmix') ?? 0;
  fixture.env.channel.misbehave('fmix', [{ status: 429 }, { status: 500 }, { status: 502 }]);
  const result = await notifyTimed({ to: { conversationId: 'fmix' }, text: 'third time lucky' });
  assert.equal(result.status, 'sent');
  assert.equal((fixture.env.channel.attempts.get('fmix') ?? 0) - before, 4);
  assert.deepEqual(fixture.env.channel.textsIn('fmix').slice(1), ['third time lucky']);
});

test('a channel failing more often than maxRetries within the bound: a single send keeps trying, then sent', async () => {
  await fixture.calls.say(where('fdown'), 'pizza');
  const before = fixture.env.channel.attempts.get('fdown') ?? 0;
  const failures = channelOptions.maxRetries + 1;
  fixture.env.channel.misbehave(
    'fdown',
    Array.from({ length: failures }, () => ({ status: 503 })),
  );
  const result = await notifyTimed({ to: { conversationId: 'fdown' }, mode: 'dialog' });
  assert.equal(result.status, 'sent');
  assert.equal((fixture.env.channel.attempts.get('fdown') ?? 0) - before, failures + 1);
  assert.deepEqual(fixture.env.channel.textsIn('fdown'), [botTexts.askToppings, botTexts.interruption]);
});

test('a channel refusing an interruption (400) is reported failed, and the interruption is taken back', async () => {
  await fixture.calls.say(where('frefuse'), 'pizza');
  fixture.env.channel.misbehave('frefuse', [{ status: 400 }]);
  const result = await notifyTimed({ to: { conversationId: 'frefuse' }, mode: 'dialog' });
  assert.equal(result.status, 'failed');
  assert.match(result.error ?? '', /400/);
  await fixture.calls.say(where('frefuse'), 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('frefuse'), [
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('a hung channel times out within the bound: unknown (the message may have arrived), nothing reported sent', async () => {
  await fixture.calls.say(where('fhang'), 'help');
  fixture.env.channel.misbehave('fhang', ['hang']);
  const result = await notifyTimed({ to: { conversationId: 'fhang' }, text: 'into the void' });
  assert.equal(result.status, 'unknown');
  assert.match(result.error ?? '', /no answer in time/);
  assert.ok(result.ms < channelOptions.tryTimeoutMs + 1_500, `took ${result.ms} ms`);
  assert.ok(!fixture.env.channel.textsIn('fhang').includes('into the void'));
});

test('an interruption the channel accepts after the try timed out: unknown, kept, and done resumes the pizza order', async () => {
  await fixture.calls.say(where('flate'), 'pizza');
  fixture.env.channel.misbehave('flate', [{ status: 200, delayMs: channelOptions.tryTimeoutMs + 700 }]);
  const result = await notifyTimed({ to: { conversationId: 'flate' }, mode: 'dialog' });
  assert.equal(result.status, 'unknown');
  assert.deepEqual(fixture.env.channel.textsIn('flate'), [botTexts.askToppings, botTexts.interruption]);
  await fixture.calls.say(where('flate'), 'ham');
  await fixture.calls.say(where('flate'), 'done');
  await fixture.calls.say(where('flate'), 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('flate').slice(2), [
    botTexts.surveyReminder('ham'),
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

test('a connection dropped after the request was written, every try: unknown, the interruption kept', async () => {
  await fixture.calls.say(where('freset'), 'pizza');
  const resets = Array.from({ length: channelOptions.maxRetries + 1 }, (): Fault => 'reset');
  fixture.env.channel.misbehave('freset', resets);
  const result = await notifyTimed({ to: { conversationId: 'freset' }, mode: 'dialog' });
  assert.equal(result.status, 'unknown');
  await fixture.calls.say(where('freset'), 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('freset').slice(1), [botTexts.surveyReminder('ham')]);
});

test('a refused connection (nothing written) is failed, and the interruption is taken back', async () => {
  await fixture.calls.say(where('frefused'), 'pizza');
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const stored = await fixture.app.references.findByConversation('frefused');
  assert.ok(stored);
  await fixture.app.references.save({ ...stored, serviceUrl: `http://127.0.0.1:${port}/` });
  const result = await notifyTimed({ to: { conversationId: 'frefused' }, mode: 'dialog' });
  assert.equal(result.status, 'failed');
  assert.match(result.error ?? '', /ECONNREFUSED|refused/);
  await fixture.calls.say(where('frefused'), 'ham');
  assert.deepEqual(fixture.env.channel.textsIn('frefused'), [
    botTexts.askToppings,
    botTexts.pizzaOrdered('ham'),
  ]);
});

for (const status of [403, 404]) {
  test(`${status} means removed or blocked: gone, and the reference and state are deleted`, async () => {
    const conversationId = `fgone${status}`;
    await fixture.calls.say(where(conversationId), 'pizza');
    fixture.env.channel.misbehave(conversationId, [{ status }]);
    const result = await notifyTimed({ to: { conversationId }, mode: 'prompt' });
    assert.equal(result.status, 'gone');
    assert.equal(await fixture.app.references.findByConversation(conversationId), undefined);
    const state = await fixture.env.azurite.blobNames(containerNames.botState);
    assert.ok(!state.includes(encodeURIComponent(`conversations/test/${conversationId}`)), state.join());
    const again = await fixture.calls.notify({ to: { conversationId }, text: 'anyone?' });
    assert.equal(again.status, 404);
    assert.equal((again.json as { code: string }).code, 'UnknownRecipient');
  });
}
