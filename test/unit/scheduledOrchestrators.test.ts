import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyOrchestrationContext,
  DurableOrchestrationInput,
  createOrchestrator,
} from 'durable-functions/lib/src/util/testingUtils';
import { broadcastOrchestrator } from '../../notify/broadcastOrchestrator';
import { scheduledSendOrchestrator } from '../../notify/scheduledSendOrchestrator';
import type { BroadcastInput } from '../../src/broadcast/BroadcastInput';
import { history } from '../../src/localHost/durable/historyEvents';
import type { HistoryEvent } from '../../src/localHost/durable/historyEvents';
import type { ScheduledSendInput } from '../../src/notify/ScheduledSend';

const start = Date.UTC(2026, 0, 1, 8);
const inAnHour = new Date(start + 3_600_000).toISOString();
const anHourAgo = new Date(start - 3_600_000).toISOString();

const single = (sendAt: string): ScheduledSendInput => ({
  to: { userId: 'u1' },
  request: { mode: 'dialog', resetStack: false, deliveryId: 'd-1' },
  sendAt,
});
const broadcast = (sendAt: string, recipients: BroadcastInput['recipients']): BroadcastInput => ({
  recipients,
  request: { mode: 'message', text: 'hi' },
  pageSize: 2,
  parallelPages: 2,
  sendAt,
});

function at(event: HistoryEvent, time: number): HistoryEvent {
  return { ...event, Timestamp: new Date(time).toISOString() };
}
const begun = (name: string, input: unknown, time = start) => [
  at(history.orchestratorStarted(), time),
  history.executionStarted(name, input),
];
/** The extension's EventRaised (type 15), as DELETE /api/notify/{id} raises it. */
const cancelRaised = (): HistoryEvent => ({
  ...history.orchestratorStarted(),
  EventType: 15,
  Name: 'cancel',
});

const replaySingle = (input: ScheduledSendInput, events: HistoryEvent[]) =>
  createOrchestrator(scheduledSendOrchestrator)(
    new DurableOrchestrationInput('scheduled-1', events, input),
    new DummyOrchestrationContext(),
  );
const replayBroadcast = (input: BroadcastInput, events: HistoryEvent[]) =>
  createOrchestrator(broadcastOrchestrator)(
    new DurableOrchestrationInput('broadcast-1', events, input),
    new DummyOrchestrationContext(),
  );

test('a scheduled single send first waits: a durable timer at sendAt raced against the cancel event', async () => {
  const input = single(inAnHour);
  const state = await replaySingle(input, begun('scheduledSendOrchestrator', input));
  assert.equal(state.isDone, false);
  const [first] = state.actions;
  assert.deepEqual(
    (first ?? []).map((a) => a.actionType),
    [5, 6],
    'a timer and a wait for the event, nothing sent yet',
  );
  assert.equal(new Date(first?.[0]?.fireAt ?? 0).toISOString(), inAnHour);
  assert.deepEqual(state.customStatus, { sent: 0, gone: 0, failed: 0, pending: 1, sendAt: inAnHour });
});

test('when the timer fires, the send is delivered (with retries) and reported as a queued send is', async () => {
  const input = single(inAnHour);
  const fired = [
    ...begun('scheduledSendOrchestrator', input),
    history.timerCreated(0, inAnHour),
    at(history.orchestratorStarted(), start + 3_600_000),
    history.timerFired(0, inAnHour),
  ];
  const waiting = await replaySingle(input, fired);
  const delivery = waiting.actions.at(-1)?.[0];
  assert.equal(delivery?.functionName, 'deliverScheduledSend');
  assert.equal(delivery?.actionType, 1);
  assert.deepEqual(delivery?.input, input);
  assert.deepEqual(waiting.customStatus, { sent: 0, gone: 0, failed: 0, pending: 1 });
  const result = { userId: 'u1', conversationId: 'c1', status: 'sent', activityId: 'a1' };
  const done = await replaySingle(input, [
    ...fired,
    history.taskScheduled(1, 'deliverScheduledSend'),
    at(history.orchestratorStarted(), start + 3_601_000),
    history.taskCompleted(1, result),
  ]);
  assert.equal(done.isDone, true);
  assert.deepEqual(done.output, { results: [result] });
  assert.deepEqual(done.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0 });
});

test('a time already past sends at once, through the same orchestration: no timer', async () => {
  const input = single(anHourAgo);
  const state = await replaySingle(input, begun('scheduledSendOrchestrator', input));
  assert.deepEqual(
    state.actions
      .flat()
      .filter((a) => a.actionType !== 6)
      .map((a) => [a.actionType, a.functionName]),
    [[1, 'deliverScheduledSend']],
    'no timer: the delivery at once (beside the cancel wait)',
  );
});

test('cancelled before the time: nothing is delivered, every recipient is counted cancelled, and it waits to be terminated', async () => {
  const input = single(inAnHour);
  const state = await replaySingle(input, [
    ...begun('scheduledSendOrchestrator', input),
    history.timerCreated(0, inAnHour),
    at(history.orchestratorStarted(), start + 60_000),
    cancelRaised(),
  ]);
  assert.equal(state.isDone, false);
  assert.deepEqual(state.customStatus, { sent: 0, gone: 0, failed: 0, pending: 0, cancelled: 1 });
  const after = state.actions.slice(1).flat();
  assert.ok(
    after.every((a) => a.actionType === 5),
    'no activity after the cancel, only the guard timer',
  );
  assert.ok(after.length >= 1);
});

test('a scheduled broadcast to userIds waits first, showing its user ids as pending', async () => {
  const input = broadcast(inAnHour, { kind: 'userIds', userIds: ['u1', 'u2', 'u3'] });
  const state = await replayBroadcast(input, begun('broadcastOrchestrator', input));
  assert.deepEqual(
    state.actions.flat().map((a) => a.actionType),
    [5, 6],
  );
  assert.deepEqual(state.customStatus, { sent: 0, gone: 0, failed: 0, pending: 3, sendAt: inAnHour });
  const fired = await replayBroadcast(input, [
    ...begun('broadcastOrchestrator', input),
    history.timerCreated(0, inAnHour),
    at(history.orchestratorStarted(), start + 3_600_000),
    history.timerFired(0, inAnHour),
  ]);
  assert.deepEqual(
    fired.actions
      .at(-1)
      ?.filter((a) => a.actionType !== 6)
      .map((a) => a.functionName),
    ['deliverRecipientPage', 'deliverRecipientPage'],
  );
});

test('a scheduled broadcast to all counts the conversations known before it waits', async () => {
  const input = broadcast(inAnHour, { kind: 'all' });
  const first = await replayBroadcast(input, begun('broadcastOrchestrator', input));
  assert.deepEqual(
    first.actions.flat().map((a) => a.functionName),
    ['countRecipients'],
  );
  const counted = await replayBroadcast(input, [
    ...begun('broadcastOrchestrator', input),
    history.taskScheduled(0, 'countRecipients'),
    at(history.orchestratorStarted(), start + 100),
    history.taskCompleted(0, 7),
  ]);
  assert.deepEqual(counted.customStatus, { sent: 0, gone: 0, failed: 0, pending: 7, sendAt: inAnHour });
  assert.deepEqual(
    counted.actions.at(-1)?.map((a) => a.actionType),
    [5, 6],
  );
});

test('a scheduled broadcast cancelled before its time ends with every recipient cancelled', async () => {
  const input = broadcast(inAnHour, { kind: 'userIds', userIds: ['u1', 'u2', 'u3'] });
  const state = await replayBroadcast(input, [
    ...begun('broadcastOrchestrator', input),
    history.timerCreated(0, inAnHour),
    at(history.orchestratorStarted(), start + 60_000),
    cancelRaised(),
  ]);
  assert.deepEqual(state.customStatus, { sent: 0, gone: 0, failed: 0, pending: 0, cancelled: 3 });
  assert.ok(state.actions.flat().every((a) => a.functionName !== 'deliverRecipientPage'));
});

test('cancelled after its time, while delivering: the one cancel wait sees it; the status then counts nothing cancelled', async () => {
  const input = single(inAnHour);
  const result = { userId: 'u1', conversationId: 'c1', status: 'sent' };
  const state = await replaySingle(input, [
    ...begun('scheduledSendOrchestrator', input),
    history.timerCreated(0, inAnHour),
    at(history.orchestratorStarted(), start + 3_600_000),
    history.timerFired(0, inAnHour),
    history.taskScheduled(1, 'deliverScheduledSend'),
    at(history.orchestratorStarted(), start + 3_600_100),
    cancelRaised(),
    at(history.orchestratorStarted(), start + 3_600_200),
    history.taskCompleted(1, result),
  ]);
  assert.equal(state.isDone, false, 'it waits to be terminated');
  assert.deepEqual(state.customStatus, { sent: 1, gone: 0, failed: 0, pending: 0, cancelled: 0 });
});
