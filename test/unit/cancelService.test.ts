import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InstanceStatus, NotifyInstances } from '../../src/broadcast/NotifyInstances';
import { CancelService } from '../../src/notify/CancelService';

/** An orchestration as DELETE sees it: a status that moves as the script says. */
class ScriptedInstances implements NotifyInstances {
  readonly calls: string[] = [];
  constructor(private current: InstanceStatus | undefined) {}
  onEvent: (status: InstanceStatus) => InstanceStatus | undefined = () => undefined;

  status(): Promise<InstanceStatus | undefined> {
    return Promise.resolve(this.current);
  }
  raiseEvent(instanceId: string, eventName: string): Promise<void> {
    this.calls.push(`raise ${instanceId} ${eventName}`);
    if (this.current) this.current = this.onEvent(this.current) ?? this.current;
    return Promise.resolve();
  }
  terminate(instanceId: string, reason: string): Promise<void> {
    this.calls.push(`terminate ${instanceId} ${reason}`);
    if (this.current) this.current = { ...this.current, runtimeStatus: 'Terminated', output: reason };
    return Promise.resolve();
  }
  statusQueryGetUri(instanceId: string): string {
    return `http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/${instanceId}`;
  }
}

const running: InstanceStatus = {
  name: 'broadcastOrchestrator',
  instanceId: 'b-1',
  runtimeStatus: 'Running',
  customStatus: { sent: 1, gone: 0, failed: 0, pending: 3 },
  output: null,
  createdTime: '2026-01-01T00:00:00.000Z',
  lastUpdatedTime: '2026-01-01T00:00:00.000Z',
};
const stopped: string[] = [];
const service = new CancelService(
  { stop: (id) => Promise.resolve(void stopped.push(id)) },
  { ackTimeoutMs: 200, terminateTimeoutMs: 200, pollMs: 10 },
);

test('no report of the cancelled count within the wait: terminated anyway, 202 with the status URI', async () => {
  const instances = new ScriptedInstances({ ...running });
  const answer = await service.cancel('b-1', instances);
  assert.equal(answer.status, 202);
  assert.deepEqual(answer.body, { id: 'b-1', statusQueryGetUri: instances.statusQueryGetUri('b-1') });
  assert.deepEqual(instances.calls, [
    'raise b-1 cancel',
    'terminate b-1 Cancelled by DELETE /api/notify/b-1',
  ]);
  assert.ok(stopped.includes('b-1'), 'the stop flag was written first');
});

test('the orchestration reports its count: 200 with the status after the termination', async () => {
  const instances = new ScriptedInstances({ ...running });
  instances.onEvent = (s) => ({
    ...s,
    customStatus: { sent: 1, gone: 0, failed: 0, pending: 0, cancelled: 3 },
  });
  const answer = await service.cancel('b-1', instances);
  assert.equal(answer.status, 200);
  const body = answer.body as InstanceStatus;
  assert.equal(body.runtimeStatus, 'Terminated');
  assert.deepEqual(body.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0, cancelled: 3 });
});

test('it completed on its own before the cancel reached it: 409, not terminated', async () => {
  const instances = new ScriptedInstances({ ...running });
  instances.onEvent = (s) => ({ ...s, runtimeStatus: 'Completed' });
  const answer = await service.cancel('b-1', instances);
  assert.equal(answer.status, 409);
  assert.deepEqual(instances.calls, ['raise b-1 cancel']);
});

test('an id no instance can have (control characters, over 256 characters): 404, no flag, no event', async () => {
  const before = stopped.length;
  for (const id of ['a\u0000b', 'x'.repeat(257), '']) {
    const instances = new ScriptedInstances({ ...running });
    const answer = await service.cancel(id, instances);
    assert.equal(answer.status, 404);
    assert.deepEqual(instances.calls, []);
  }
  assert.equal(stopped.length, before);
});
