import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { app, HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import type { HttpHandler, Timer } from '@azure/functions';

interface Registered {
  name: string;
  options: Record<string, unknown>;
}

function contextLogging(lines: string[]): InvocationContext {
  return new InvocationContext({
    functionName: 'test',
    invocationId: 'bad-settings',
    logHandler: (_level, ...args) => lines.push(args.map(String).join(' ')),
  });
}

const BAD = /^Setting NOTIFY_RATE_PER_SECOND: must be a positive number/;

test('with a bad setting, the registration files still register every function, and each invocation answers the setting', async () => {
  process.env.NOTIFY_RATE_PER_SECOND = 'fast';
  const registered: Record<'http' | 'timer' | 'generic', Registered[]> = { http: [], timer: [], generic: [] };
  for (const kind of ['http', 'timer', 'generic'] as const) {
    mock.method(app, kind, (name: string, options: Record<string, unknown>) => {
      registered[kind].push({ name, options });
    });
  }
  const startupLines: string[] = [];
  mock.method(console, 'error', (...args: unknown[]) => startupLines.push(args.map(String).join(' ')));

  // Loading these throws today: loadSettings runs while the functions are registered.
  (await import('../../messages/index')).registerMessages();
  (await import('../../notify/index')).registerNotify();
  (await import('../../alertTimer/index')).registerAlertTimer();

  assert.deepEqual(registered.http.map((r) => r.name).sort(), [
    'cancelNotify',
    'editActivity',
    'messages',
    'notify',
    'recipients',
  ]);
  assert.deepEqual(
    registered.timer.map((r) => [r.name, r.options.schedule]),
    [['alertTimer', '0 */1 * * * *']],
  );
  assert.deepEqual(registered.generic.map((r) => r.name).sort(), [
    'alertDeliveryOrchestrator',
    'broadcastOrchestrator',
    'countRecipients',
    'deliverAlertPage',
    'deliverQueuedSend',
    'deliverRecipientPage',
    'deliverScheduledSend',
    'planRecipientPages',
    'queuedSendOrchestrator',
    'scheduledSendOrchestrator',
  ]);
  assert.ok(
    startupLines.some((line) => BAD.test(line)),
    `the worker logs the bad setting once: ${startupLines.join('\n')}`,
  );

  for (const { name, options } of registered.http) {
    const lines: string[] = [];
    const request = new HttpRequest({
      method: 'POST',
      url: `http://localhost:7071/api/${name}`,
      headers: { 'content-type': 'application/json' },
      body: { string: '{"type":"message","text":"hi"}' },
    });
    const init = await (options.handler as HttpHandler)(request, contextLogging(lines));
    const response = init instanceof HttpResponse ? init : new HttpResponse(init);
    assert.equal(response.status, 500, name);
    const body = (await response.json()) as { error: string; code: string };
    assert.equal(body.code, 'InvalidSettings', name);
    assert.match(body.error, BAD, name);
    assert.deepEqual(Object.keys(body).sort(), ['code', 'error']);
    assert.ok(
      lines.some((line) => BAD.test(line)),
      `${name} logs the line: ${lines.join('\n')}`,
    );
  }

  const timer = registered.timer[0]?.options.handler as (t: Timer, c: InvocationContext) => Promise<void>;
  const timerLines: string[] = [];
  const tick: Timer = {
    isPastDue: false,
    schedule: { adjustForDST: false },
    scheduleStatus: { last: '', next: '', lastUpdated: '' },
  };
  assert.equal(await timer(tick, contextLogging(timerLines)), undefined, 'a tick returns');
  assert.ok(
    timerLines.some((line) => BAD.test(line)),
    `the tick logs the line: ${timerLines.join('\n')}`,
  );

  for (const name of ['deliverAlertPage', 'deliverRecipientPage', 'planRecipientPages']) {
    const activity = registered.generic.find((r) => r.name === name)?.options.handler as (
      input: unknown,
      context: InvocationContext,
    ) => Promise<unknown>;
    const lines: string[] = [];
    await assert.rejects(activity(10, contextLogging(lines)), /NOTIFY_RATE_PER_SECOND/, name);
    assert.ok(
      lines.some((line) => BAD.test(line)),
      `${name} logs the line`,
    );
  }
});
