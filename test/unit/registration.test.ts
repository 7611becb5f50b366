import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { app, HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import type { HttpHandler } from '@azure/functions';

test('with good settings, the registered handlers are the app’s own (resolved on first use)', async () => {
  process.env.NOTIFY_RATE_PER_SECOND = '50';
  const handlers = new Map<string, HttpHandler>();
  mock.method(app, 'http', (name: string, options: { handler: HttpHandler }) => {
    handlers.set(name, options.handler);
  });
  mock.method(app, 'generic', () => undefined);
  (await import('../../messages/index')).registerMessages();
  (await import('../../notify/index')).registerNotify();
  for (const name of ['messages', 'notify']) {
    const handler = handlers.get(name);
    assert.ok(handler, name);
    const request = new HttpRequest({
      method: 'POST',
      url: `http://localhost:7071/api/${name}`,
      headers: { 'content-type': 'application/json' },
      body: { string: '{"text": ' },
    });
    const context = new InvocationContext({ functionName: name, invocationId: 'good-settings' });
    const init = await handler(request, context);
    const response = init instanceof HttpResponse ? init : new HttpResponse(init);
    assert.equal(response.status, 400, `${name}: the app checks the body (not InvalidSettings)`);
    assert.equal(((await response.json()) as { code: string }).code, 'InvalidJson', name);
  }
});

test('health is registered as an anonymous GET on /api/health', async () => {
  const registered = new Map<string, { route?: string; methods?: string[]; authLevel?: string }>();
  mock.method(
    app,
    'http',
    (name: string, options: { route?: string; methods?: string[]; authLevel?: string }) => {
      registered.set(name, options);
    },
  );
  (await import('../../health/index')).registerHealth();
  const health = registered.get('health');
  assert.ok(health, 'health is registered');
  assert.equal(health.route, 'health');
  assert.deepEqual(health.methods, ['GET']);
  assert.equal(health.authLevel, 'anonymous');
});
