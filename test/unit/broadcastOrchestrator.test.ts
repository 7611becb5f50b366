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

const all = { ...input, recipients: { kind: 'all' as const } };
const allStarted = [
  at(history.orchestratorStarted(), start),
  history.executionStarted('broadcastOrchestrator', all),
];
const replayAll = (id: string, events: HistoryEvent[]) =>
  orchestrate(new DurableOrchestrationInput(id, events, all), new DummyOrchestrationContext());

test('"all" sends at once: the first wave is the listing\'s first page, which plans the next wave while it sends, with all the wave\'s sends', async () => {
  const state = await replayAll('instance-2', allStarted);
  const wave = work(state.actions[0]);
  assert.deepEqual(
    wave.map((a) => a.functionName),
    ['deliverRecipientPage'],
    'no planning activity before the first send',
  );
  const order = wave[0]?.input as PageOrder;
  assert.deepEqual(order.cursor, { kind: 'all' });
  assert.deepEqual(order.plan, { pages: 2 });
  assert.equal(order.pageId, 'instance-2/0');
  assert.equal(order.concurrency, 32, 'a lone page has the sends of a full wave (2 pages x 16)');
});

test('"all" pages go out as planned ranges: each order carries its start token and its last name; the wave\'s first page plans on', async () => {
  const planned = [
    { cursor: { kind: 'all', token: 't1', last: 'conversations/d/test' }, size: 2 },
    { cursor: { kind: 'all', token: 't2', last: 'conversations/f/test' }, size: 2 },
  ];
  const afterFirst = [
    ...allStarted,
    history.taskScheduled(0, 'deliverRecipientPage'),
    history.orchestratorStarted(),
    history.taskCompleted(0, { recipients: 2, sent: 2, gone: 0, failed: 0, unknown: 0, planned, more: 't3' }),
  ];
  const state = await replayAll('instance-3', afterFirst);
  const orders = work(state.actions[1]).map((a) => a.input as PageOrder);
  assert.deepEqual(
    orders.map((o) => [o.cursor, o.pageId, o.concurrency]),
    [
      [planned[0]?.cursor, 'instance-3/1', 16],
      [planned[1]?.cursor, 'instance-3/2', 16],
    ],
  );
  assert.deepEqual(
    orders.map((o) => o.plan),
    [{ pages: 2, from: 't3' }, undefined],
  );
  assert.deepEqual(state.customStatus, { sent: 2, gone: 0, failed: 0, pending: 4 });

  const lastPlan = [
    ...afterFirst,
    history.taskScheduled(1, 'deliverRecipientPage'),
    history.taskScheduled(2, 'deliverRecipientPage'),
    history.orchestratorStarted(),
    history.taskCompleted(2, { recipients: 2, sent: 1, gone: 1, failed: 0, unknown: 0 }),
    history.taskCompleted(1, {
      recipients: 2,
      sent: 2,
      gone: 0,
      failed: 0,
      unknown: 0,
      planned: [{ cursor: { kind: 'all', token: 't3', last: 'conversations/g/test' }, size: 1 }],
    }),
  ];
  const third = await replayAll('instance-3', lastPlan);
  const next = work(third.actions[2]).map((a) => a.input as PageOrder);
  assert.deepEqual(
    next.map((o) => [o.pageId, o.plan, o.concurrency]),
    [['instance-3/3', undefined, 32]],
    'planning has ended: the last page plans nothing',
  );
  const done = await replayAll('instance-3', [
    ...lastPlan,
    history.taskScheduled(3, 'deliverRecipientPage'),
    history.orchestratorStarted(),
    history.taskCompleted(3, { recipients: 1, sent: 1, gone: 0, failed: 0, unknown: 0 }),
  ]);
  assert.equal(done.isDone, true);
  assert.deepEqual(done.output, { sent: 6, gone: 1, failed: 0, pending: 0 });
});

test('"all": when planning beside the sends failed and nothing is left to send, a planning activity goes on from where it stopped', async () => {
  const failedPlanning = [
    ...allStarted,
    history.taskScheduled(0, 'deliverRecipientPage'),
    history.orchestratorStarted(),
    history.taskCompleted(0, {
      recipients: 2,
      sent: 2,
      gone: 0,
      failed: 0,
      unknown: 0,
      planned: [],
      more: 't1',
    }),
  ];
  const state = await replayAll('instance-4', failedPlanning);
  const wave = work(state.actions[1]);
  assert.deepEqual(
    wave.map((a) => [a.functionName, a.input]),
    [['planRecipientPages', { pageSize: 2, pages: 2, from: 't1' }]],
  );
  assert.equal(wave[0]?.retryOptions?.maxNumberOfAttempts, 4);
  const after = await replayAll('instance-4', [
    ...failedPlanning,
    history.taskScheduled(1, 'planRecipientPages'),
    history.orchestratorStarted(),
    history.taskCompleted(1, { planned: [{ cursor: { kind: 'all', token: 't1', last: 'x' }, size: 2 }] }),
  ]);
  const order = work(after.actions[2])[0]?.input as PageOrder;
  assert.deepEqual(
    [order.pageId, order.cursor, order.plan],
    ['instance-4/1', { kind: 'all', token: 't1', last: 'x' }, undefined],
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
  const wave = work(first.actions[0]);
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
