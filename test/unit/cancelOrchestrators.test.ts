import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyOrchestrationContext,
  DurableOrchestrationInput,
  createOrchestrator,
} from 'durable-functions/lib/src/util/testingUtils';
import { broadcastOrchestrator } from '../../notify/broadcastOrchestrator';
import { queuedSendOrchestrator } from '../../notify/queuedSendOrchestrator';
import type { BroadcastInput, PageResult } from '../../src/broadcast/BroadcastInput';
import { history } from '../../src/localHost/durable/historyEvents';
import type { HistoryEvent } from '../../src/localHost/durable/historyEvents';
import { CANCEL_EVENT } from '../../src/notify/cancelEvent';

const input: BroadcastInput = {
  recipients: { kind: 'userIds', userIds: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'] },
  request: { mode: 'message', text: 'hi' },
  pageSize: 2,
  parallelPages: 2,
};
const start = Date.UTC(2026, 0, 1);
const begin: HistoryEvent[] = [
  { ...history.orchestratorStarted(), Timestamp: new Date(start).toISOString() },
  history.executionStarted('broadcastOrchestrator', input),
  history.taskScheduled(0, 'deliverRecipientPage'),
  history.taskScheduled(1, 'deliverRecipientPage'),
];
const page = (r: PageResult) => r;
const orchestrate = createOrchestrator(broadcastOrchestrator);
const replay = (events: HistoryEvent[]) =>
  orchestrate(new DurableOrchestrationInput('b-1', events, input), new DummyOrchestrationContext());

test('cancel during a wave: no page starts after it; once the running pages end, the status counts the rest as cancelled', async () => {
  const cancelled = [...begin, history.orchestratorStarted(), history.eventRaised(CANCEL_EVENT, null)];
  const waiting = await replay(cancelled);
  assert.equal(waiting.isDone, false);
  assert.equal(waiting.actions.length, 1, 'no new wave: it waits for the pages already running');

  const ended = await replay([
    ...cancelled,
    history.orchestratorStarted(),
    history.taskCompleted(0, page({ recipients: 2, sent: 2, gone: 0, failed: 0, unknown: 0, cancelled: 0 })),
    history.taskCompleted(1, page({ recipients: 2, sent: 0, gone: 1, failed: 0, unknown: 0, cancelled: 1 })),
  ]);
  assert.equal(ended.isDone, false, 'it waits for the termination');
  const status = ended.customStatus as Record<string, number>;
  assert.deepEqual(status, { sent: 2, gone: 1, failed: 0, pending: 0, cancelled: 4 });
  assert.equal(
    status.sent + status.gone + status.failed + status.cancelled,
    7,
    'every recipient counted once',
  );
  const guard = ended.actions[1] ?? [];
  assert.deepEqual(
    guard.map((a) => a.actionType),
    [5],
    'a timer guards the wait',
  );
  const wait = new Date(guard[0]?.fireAt ?? 0).getTime() - Date.now();
  assert.ok(Math.abs(wait - 24 * 60 * 60 * 1000) < 60_000, `the guard waits a day (${wait} ms)`);
});

test('a cancel after the last wave changes nothing: the broadcast completes as before', async () => {
  const small = { ...input, recipients: { kind: 'userIds' as const, userIds: ['u1', 'u2'] } };
  const events = [
    begin[0] as HistoryEvent,
    history.executionStarted('broadcastOrchestrator', small),
    history.taskScheduled(0, 'deliverRecipientPage'),
    history.orchestratorStarted(),
    history.taskCompleted(0, page({ recipients: 2, sent: 2, gone: 0, failed: 0, unknown: 0, cancelled: 0 })),
    history.eventRaised(CANCEL_EVENT, null),
  ];
  const state = await orchestrate(
    new DurableOrchestrationInput('b-2', events, small),
    new DummyOrchestrationContext(),
  );
  assert.equal(state.isDone, true);
  assert.deepEqual(state.output, { sent: 2, gone: 0, failed: 0, pending: 0 });
});

test('a queued send cancelled while it is delivered: the delivery ends, the status says cancelled: 0', async () => {
  const queued = createOrchestrator(queuedSendOrchestrator);
  const sendInput = { userId: 'u', conversationId: 'c', channelId: 'test', activities: [], message: true };
  const state = await queued(
    new DurableOrchestrationInput(
      'q-1',
      [
        begin[0],
        history.executionStarted('queuedSendOrchestrator', sendInput),
        history.taskScheduled(0, 'deliverQueuedSend'),
        history.orchestratorStarted(),
        history.eventRaised(CANCEL_EVENT, null),
        history.orchestratorStarted(),
        history.taskCompleted(0, { userId: 'u', conversationId: 'c', status: 'sent' }),
      ],
      sendInput,
    ),
    new DummyOrchestrationContext(),
  );
  assert.equal(state.isDone, false);
  assert.deepEqual(state.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0, cancelled: 0 });
});
