import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyOrchestrationContext,
  DurableOrchestrationInput,
  createOrchestrator,
} from 'durable-functions/lib/src/util/testingUtils';
import type { ReplayedAction } from 'durable-functions/lib/src/util/testingUtils';
import { alertDeliveryOrchestrator } from '../../alertTimer/alertDeliveryOrchestrator';
import { broadcastOrchestrator } from '../../notify/broadcastOrchestrator';
import type { BroadcastInput, PageResult } from '../../src/broadcast/BroadcastInput';
import type { PageOrder } from '../../src/broadcast/PageDelivery';
import { history } from '../../src/localHost/durable/historyEvents';
import type { HistoryEvent } from '../../src/localHost/durable/historyEvents';

const orchestrate = createOrchestrator(broadcastOrchestrator);
const input: BroadcastInput = {
  recipients: { kind: 'userIds', userIds: ['u1', 'u2', 'u3', 'u4', 'u5'] },
  request: { mode: 'message', text: 'hi' },
  pageSize: 2,
  parallelPages: 2,
};

function at(event: HistoryEvent, time: number): HistoryEvent {
  return { ...event, Timestamp: new Date(time).toISOString() };
}

const replay = (events: HistoryEvent[]) =>
  orchestrate(new DurableOrchestrationInput('instance-1', events, input), new DummyOrchestrationContext());

const start = Date.UTC(2026, 0, 1);
const started = [
  at(history.orchestratorStarted(), start),
  history.executionStarted('broadcastOrchestrator', input),
];
const result = (r: PageResult) => r;
/** A wait's activities and timers (each wait also waits for the cancel event: actionType 6). */
const work = (group: ReplayedAction[] | undefined) => (group ?? []).filter((a) => a.actionType !== 6);

test('the first wave asks for parallelPages pages, each with its slice of the user ids and no rate of its own', async () => {
  const state = await replay(started);
  assert.equal(state.isDone, false);
  const wave = work(state.actions[0]);
  assert.equal(wave.length, 2);
  const orders = (wave ?? []).map((a) => a.input as PageOrder);
  assert.deepEqual(
    orders.map((o) => (o.recipients.kind === 'userIds' ? o.recipients.userIds : [])),
    [
      ['u1', 'u2'],
      ['u3', 'u4'],
    ],
  );
  assert.ok(
    orders.every((o) => !('ratePerSecond' in o) && o.cursor.kind === 'userIds' && o.cursor.offset === 0),
  );
  assert.ok(
    (wave ?? []).every(
      (a) => a.functionName === 'deliverRecipientPage' && a.retryOptions?.maxNumberOfAttempts === 4,
    ),
  );
  assert.deepEqual(state.customStatus, { sent: 0, gone: 0, failed: 0, pending: 5 });
});

test('after a quick wave it reports progress and starts the next wave at once: the send budget paces, not a timer', async () => {
  const afterWave = [
    ...started,
    history.taskScheduled(0, 'deliverRecipientPage'),
    history.taskScheduled(1, 'deliverRecipientPage'),
    at(history.orchestratorStarted(), start + 500),
    history.taskCompleted(1, result({ recipients: 2, sent: 1, gone: 1, failed: 0, unknown: 0 })),
    history.taskCompleted(0, result({ recipients: 2, sent: 2, gone: 0, failed: 0, unknown: 0 })),
  ];
  const state = await replay(afterWave);
  assert.deepEqual(state.customStatus, { sent: 3, gone: 1, failed: 0, pending: 1 });
  const next = work(state.actions[1]);
  assert.deepEqual(
    next.map((a) => [a.actionType, a.functionName]),
    [[1, 'deliverRecipientPage']],
    'the last page is asked for at once, no timer',
  );
  const order = next[0]?.input as PageOrder;
  assert.deepEqual(order.recipients.kind === 'userIds' && order.recipients.userIds, ['u5']);

  const done = await replay([
    ...afterWave,
    history.taskScheduled(2, 'deliverRecipientPage'),
    history.taskCompleted(2, result({ recipients: 1, sent: 0, gone: 0, failed: 1, unknown: 1 })),
  ]);
  assert.equal(done.isDone, true);
  assert.deepEqual(done.output, { sent: 3, gone: 1, failed: 1, pending: 0 });
});

test('"all" first plans the pages with an activity', async () => {
  const all = { ...input, recipients: { kind: 'all' as const } };
  const state = await orchestrate(
    new DurableOrchestrationInput(
      'instance-2',
      [started[0], history.executionStarted('broadcastOrchestrator', all)],
      all,
    ),
    new DummyOrchestrationContext(),
  );
  assert.equal(state.actions[0]?.[0]?.functionName, 'planRecipientPages');
  assert.equal(state.actions[0]?.[0]?.input, 2);
});

test('"all" pages go out as planned ranges: each order carries its start token and its last name', async () => {
  const all = { ...input, recipients: { kind: 'all' as const } };
  const planned = [
    { cursor: { kind: 'all', last: 'conversations/b/test' }, size: 2 },
    { cursor: { kind: 'all', token: 't1', last: 'conversations/d/test' }, size: 2 },
  ];
  const state = await orchestrate(
    new DurableOrchestrationInput(
      'instance-3',
      [
        at(history.orchestratorStarted(), start),
        history.executionStarted('broadcastOrchestrator', all),
        history.taskScheduled(0, 'planRecipientPages'),
        history.orchestratorStarted(),
        history.taskCompleted(0, planned),
      ],
      all,
    ),
    new DummyOrchestrationContext(),
  );
  const orders = work(state.actions[1]).map((a) => a.input as PageOrder);
  assert.deepEqual(
    orders.map((o) => [o.cursor, o.pageId]),
    [
      [planned[0]?.cursor, 'instance-3/0'],
      [planned[1]?.cursor, 'instance-3/1'],
    ],
  );
});

test('the alert orchestration delivers the claimed alerts in pages, a wave at a time, and sums what happened', async () => {
  const alertInput = {
    tickId: 't1',
    alerts: Array.from({ length: 3 }, (_, i) => ({ id: `a${i}` })),
    pageSize: 2,
    parallelPages: 4,
  };
  const run = createOrchestrator(alertDeliveryOrchestrator);
  const begin = [
    at(history.orchestratorStarted(), start),
    history.executionStarted('alertDeliveryOrchestrator', alertInput),
  ];
  const first = await run(
    new DurableOrchestrationInput('alerts-t1', begin, alertInput),
    new DummyOrchestrationContext(),
  );
  const wave = first.actions[0] ?? [];
  assert.deepEqual(
    wave.map((a) => (a.input as { alerts: { id: string }[] }).alerts.map((x) => x.id)),
    [['a0', 'a1'], ['a2']],
  );
  assert.ok(
    wave.every((a) => a.functionName === 'deliverAlertPage' && !('ratePerSecond' in (a.input as object))),
  );
  const done = await run(
    new DurableOrchestrationInput(
      'alerts-t1',
      [
        ...begin,
        history.taskScheduled(0, 'deliverAlertPage'),
        history.taskScheduled(1, 'deliverAlertPage'),
        history.orchestratorStarted(),
        history.taskCompleted(0, { sent: 2, gone: 0, failed: 0 }),
        history.taskCompleted(1, { sent: 0, gone: 0, failed: 1 }),
      ],
      alertInput,
    ),
    new DummyOrchestrationContext(),
  );
  assert.equal(done.isDone, true);
  assert.deepEqual(done.output, { sent: 2, gone: 0, failed: 1, pending: 0 });
});
