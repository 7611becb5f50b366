import { DurableOrchestrationInput } from 'durable-functions/lib/src/util/testingUtils';
import type { createOrchestrator, ReplayedAction } from 'durable-functions/lib/src/util/testingUtils';
import { createInvocationContext } from '../createInvocationContext';
import type { InstanceRecord, NextAttempt, PendingAction } from './DurableInstanceStore';
import { ACTION, history } from './historyEvents';
import type { HistoryEvent } from './historyEvents';
import { sleepUntil } from './sleepUntil';

export interface RunDependencies {
  orchestrate: ReturnType<typeof createOrchestrator>;
  callActivity(name: string, input: unknown): Promise<unknown>;
  save(record: InstanceRecord): Promise<void>;
  /** The longest single wait of a timer (Node's setTimeout limit; shorter in tests). */
  maxWaitMs: number;
}

type Outcome = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * One orchestration instance driven as the Durable extension drives it: every completion (an
 * activity's result, a timer, a raised event) is appended to the history on its own and the
 * orchestrator replayed at once, so `Task.any` wins with the first; the actions the replay asks for
 * anew start then. Steps run one at a time, so event ids follow the order the replay engine gives
 * them. Terminated: it stops, and results still coming are ignored.
 */
export class InstanceRun {
  private queue: Promise<void> = Promise.resolve();
  private readonly abort = new AbortController();
  private busy = 0;
  private quietWaiters: (() => void)[] = [];
  private endedFlag = false;

  constructor(
    readonly record: InstanceRecord,
    private readonly deps: RunDependencies,
  ) {}

  get ended(): boolean {
    return this.endedFlag;
  }

  /** Replays (a new or a resumed instance) and starts again what was outstanding when the last process stopped. */
  begin(): void {
    const outstanding = [...(this.record.pending ?? [])];
    this.step(async () => {
      this.record.runtimeStatus = 'Running';
      await this.replay([]);
    });
    for (const action of outstanding) this.launch(action);
  }

  raise(name: string, data: unknown): void {
    this.step(() => this.replay([history.eventRaised(name, data)]));
  }

  /** Ends it as "Terminated" with the reason as output, after the step under way. */
  terminate(reason: string): Promise<void> {
    this.step(async () => {
      this.record.runtimeStatus = 'Terminated';
      this.record.output = reason;
      await this.finish();
    });
    return this.queue;
  }

  /** Stops driving without writing anything (the process goes away; a later one resumes it). */
  abandon(): void {
    this.endedFlag = true;
    this.abort.abort();
    this.notifyQuiet();
  }

  /** Resolves when nothing runs or waits to run but external events (or it ended). */
  quiet(): Promise<void> {
    if (this.busy === 0 || this.endedFlag) return Promise.resolve();
    return new Promise((resolve) => this.quietWaiters.push(resolve));
  }

  private step(work: () => Promise<void>): void {
    this.busy++;
    this.queue = this.queue
      .then(() => (this.endedFlag ? undefined : work()))
      .catch((err: unknown) => this.fail(err))
      .finally(() => this.settle());
  }

  private settle(): void {
    this.busy--;
    if (this.busy === 0) this.notifyQuiet();
  }

  private notifyQuiet(): void {
    const waiters = this.quietWaiters;
    this.quietWaiters = [];
    for (const wake of waiters) wake();
  }

  private async fail(err: unknown): Promise<void> {
    if (this.endedFlag) return;
    this.record.runtimeStatus = 'Failed';
    this.record.output = err instanceof Error ? err.message : String(err);
    await this.finish().catch(() => undefined);
  }

  private async finish(): Promise<void> {
    this.record.pending = [];
    this.endedFlag = true;
    this.abort.abort();
    await this.deps.save(this.record);
  }

  /** Appends the events (a new episode), replays, schedules what the orchestrator asks for anew. */
  private async replay(events: HistoryEvent[]): Promise<void> {
    const record = this.record;
    if (events.length) record.history.push(history.orchestratorStarted(), ...events);
    const state = await this.deps.orchestrate(
      new DurableOrchestrationInput(record.instanceId, record.history, record.input),
      createInvocationContext(record.name),
    );
    if (state.customStatus !== undefined) record.customStatus = state.customStatus;
    if (state.error !== undefined) throw new Error(state.error);
    if (state.isDone) {
      record.runtimeStatus = 'Completed';
      record.output = state.output ?? null;
      return this.finish();
    }
    const fresh = state.actions.slice(record.episodes).flat();
    record.episodes = state.actions.length;
    const launched: PendingAction[] = [];
    for (const action of fresh) {
      if (action.actionType === ACTION.WaitForExternalEvent) continue; // a raised event completes it
      const pending = toPending(action, record.nextEventId++);
      record.history.push(scheduledEvent(pending));
      launched.push(pending);
    }
    if (events.length || launched.length) record.history.push(history.orchestratorCompleted());
    record.pending = [...(record.pending ?? []), ...launched];
    await this.deps.save(record);
    for (const action of launched) this.launch(action);
  }

  /** Runs an activity or waits for a timer; its completion is a step of its own. */
  private launch(action: PendingAction): void {
    this.busy++;
    const run =
      action.kind === 'activity'
        ? this.deps.callActivity(action.name, action.input).then(
            (value): Outcome => ({ ok: true, value }),
            (err: unknown): Outcome => ({
              ok: false,
              reason: err instanceof Error ? err.message : String(err),
            }),
          )
        : sleepUntil(Date.parse(action.fireAt), this.abort.signal, this.deps.maxWaitMs).then(
            (fired): Outcome => (fired ? { ok: true, value: null } : { ok: false, reason: 'aborted' }),
          );
    void run
      .then((outcome) => {
        if (action.kind === 'timer' && !outcome.ok) return; // aborted: the instance ended or the process stops
        this.step(() => this.complete(action, outcome));
      })
      .finally(() => this.settle());
  }

  private async complete(action: PendingAction, outcome: Outcome): Promise<void> {
    const record = this.record;
    record.pending = (record.pending ?? []).filter((p) => p.id !== action.id);
    const events: HistoryEvent[] = [];
    let next: PendingAction | undefined;
    if (action.kind === 'timer') {
      events.push(history.timerFired(action.id, action.fireAt));
      if (action.then) {
        next = { kind: 'activity', id: record.nextEventId++, ...action.then };
        events.push(scheduledEvent(next));
      }
    } else if (outcome.ok) {
      events.push(history.taskCompleted(action.id, outcome.value));
    } else {
      events.push(history.taskFailed(action.id, outcome.reason));
      // durable-functions' retrying task waits for a timer after every failed attempt, the last one too.
      if (action.retry) {
        next = retryTimer(action, record.nextEventId++);
        events.push(scheduledEvent(next));
      }
    }
    if (next) record.pending.push(next);
    await this.replay(events);
    if (next && !this.endedFlag) this.launch(next);
  }
}

function toPending(action: ReplayedAction, id: number): PendingAction {
  if (action.actionType === ACTION.CreateTimer)
    return { kind: 'timer', id, fireAt: new Date(action.fireAt ?? Date.now()).toISOString() };
  if (action.actionType === ACTION.CallActivity || action.actionType === ACTION.CallActivityWithRetry) {
    const retry = action.actionType === ACTION.CallActivityWithRetry ? action.retryOptions : undefined;
    const input = activityInput(action.input);
    return { kind: 'activity', id, name: action.functionName ?? '', input, retry, attempt: 1 };
  }
  throw new Error(`The local host does not run Durable actions of type ${action.actionType}.`);
}

/** durable-functions hands a string input over JSON-encoded (the extension decodes it for the activity). */
function activityInput(input: unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

function retryTimer(failed: Extract<PendingAction, { kind: 'activity' }>, id: number): PendingAction {
  const retry = failed.retry;
  if (!retry || failed.attempt >= retry.maxNumberOfAttempts)
    return { kind: 'timer', id, fireAt: new Date().toISOString() };
  const delay = Math.min(
    retry.firstRetryIntervalInMilliseconds * (retry.backoffCoefficient ?? 1) ** (failed.attempt - 1),
    retry.maxRetryIntervalInMilliseconds ?? Infinity,
  );
  const then: NextAttempt = { name: failed.name, input: failed.input, retry, attempt: failed.attempt + 1 };
  return { kind: 'timer', id, fireAt: new Date(Date.now() + delay).toISOString(), then };
}

function scheduledEvent(action: PendingAction): HistoryEvent {
  return action.kind === 'timer'
    ? history.timerCreated(action.id, action.fireAt)
    : history.taskScheduled(action.id, action.name);
}
