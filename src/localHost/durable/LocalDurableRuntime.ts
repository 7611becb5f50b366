import { setTimeout as sleep } from 'node:timers/promises';
import { createOrchestrator, DurableOrchestrationInput } from 'durable-functions/lib/src/util/testingUtils';
import type { ReplayedAction } from 'durable-functions/lib/src/util/testingUtils';
import type { ActivityDefinition, FunctionDefinition } from '../../host/FunctionDefinition';
import { createInvocationContext } from '../createInvocationContext';
import type { DurableInstanceStore, InstanceRecord } from './DurableInstanceStore';
import { ACTION, history } from './historyEvents';
import type { HistoryEvent } from './historyEvents';

/** The status route's answer, in Durable's own shape. */
export type DurableStatus = Pick<
  InstanceRecord,
  'name' | 'instanceId' | 'runtimeStatus' | 'customStatus' | 'output' | 'createdTime' | 'lastUpdatedTime'
>;

/**
 * Runs Durable orchestrations in-process where the Durable extension is not available: the real
 * orchestrator function is replayed by durable-functions' own engine over a history this keeps, and
 * the actions it asks for (activities, with the extension's retry protocol, and timers) run here, each
 * by its registered handler. The history is saved after every episode, so that a restarted host
 * resumes unfinished instances: completed activities are not run again; activities that were running
 * when the process died are (at least once, as under the real extension).
 */
export class LocalDurableRuntime {
  private readonly orchestrators = new Map<string, ReturnType<typeof createOrchestrator>>();
  private readonly activities = new Map<string, ActivityDefinition>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    definitions: FunctionDefinition[],
    private readonly store: DurableInstanceStore,
  ) {
    for (const fn of definitions) {
      if (fn.kind === 'orchestration') this.orchestrators.set(fn.name, createOrchestrator(fn.handler));
      if (fn.kind === 'activity') this.activities.set(fn.name, fn);
    }
  }

  /** Starts an instance unless one with this id exists; true when it started. */
  async start(name: string, instanceId: string, input: unknown): Promise<boolean> {
    if (this.running.has(instanceId) || (await this.store.load(instanceId))) return false;
    const now = new Date().toISOString();
    const record: InstanceRecord = {
      name,
      instanceId,
      input,
      runtimeStatus: 'Pending',
      customStatus: null,
      output: null,
      createdTime: now,
      lastUpdatedTime: now,
      history: [history.orchestratorStarted(), history.executionStarted(name, input)],
      episodes: 0,
      nextEventId: 0,
    };
    await this.store.save(record);
    this.drive(record);
    return true;
  }

  async status(instanceId: string): Promise<DurableStatus | undefined> {
    const record = await this.store.load(instanceId);
    if (!record) return undefined;
    const { name, runtimeStatus, customStatus, output, createdTime, lastUpdatedTime } = record;
    return { name, instanceId, runtimeStatus, customStatus, output, createdTime, lastUpdatedTime };
  }

  /** Picks up the instances an earlier process left unfinished. */
  async resumeUnfinished(): Promise<number> {
    const unfinished = await this.store.unfinished();
    for (const record of unfinished) this.drive(record);
    return unfinished.length;
  }

  /** Resolves when every instance this runtime drives has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private drive(record: InstanceRecord): void {
    const run = this.replayUntilDone(record)
      .catch(async (err: unknown) => {
        record.runtimeStatus = 'Failed';
        record.output = err instanceof Error ? err.message : String(err);
        await this.save(record).catch(() => undefined);
      })
      .finally(() => this.running.delete(record.instanceId));
    this.running.set(record.instanceId, run);
  }

  private async replayUntilDone(record: InstanceRecord): Promise<void> {
    const orchestrate = this.orchestrators.get(record.name);
    if (!orchestrate) throw new Error(`No orchestrator named ${record.name}.`);
    record.runtimeStatus = 'Running';
    for (;;) {
      const context = createInvocationContext(record.name);
      const state = await orchestrate(
        new DurableOrchestrationInput(record.instanceId, record.history, record.input),
        context,
      );
      if (state.customStatus !== undefined) record.customStatus = state.customStatus;
      if (state.error !== undefined) throw new Error(state.error);
      if (state.isDone) {
        record.runtimeStatus = 'Completed';
        record.output = state.output ?? null;
        await this.save(record);
        return;
      }
      const fresh = state.actions.slice(record.episodes).flat();
      if (!fresh.length)
        throw new Error('The orchestrator is waiting for something the local host does not run.');
      await this.save(record);
      const scheduled = fresh.map((action) => ({ action, id: record.nextEventId++ }));
      const outcomes = await Promise.all(scheduled.map(({ action, id }) => this.run(action, id, record)));
      record.episodes = state.actions.length;
      record.history.push(history.orchestratorCompleted(), history.orchestratorStarted());
      record.history.push(
        ...scheduled.map(({ action, id }) => scheduledEvent(action, id)),
        ...outcomes.flat(),
      );
      await this.save(record);
    }
  }

  /** Runs one action; the events it adds after its scheduling event. */
  private async run(action: ReplayedAction, id: number, record: InstanceRecord): Promise<HistoryEvent[]> {
    if (action.actionType === ACTION.CreateTimer) {
      const fireAt = new Date(action.fireAt ?? Date.now());
      await sleep(Math.max(0, fireAt.getTime() - Date.now()));
      return [history.timerFired(id, fireAt.toISOString())];
    }
    const name = action.functionName ?? '';
    const retry = action.actionType === ACTION.CallActivityWithRetry ? action.retryOptions : undefined;
    const attempts = retry?.maxNumberOfAttempts ?? 1;
    const events: HistoryEvent[] = [];
    let scheduledId = id;
    for (let attempt = 1; ; attempt++) {
      try {
        events.push(history.taskCompleted(scheduledId, await this.callActivity(name, action.input)));
        return events;
      } catch (err) {
        events.push(history.taskFailed(scheduledId, err instanceof Error ? err.message : String(err)));
        if (!retry || attempt >= attempts) return events;
        const delay = Math.min(
          retry.firstRetryIntervalInMilliseconds * (retry.backoffCoefficient ?? 1) ** (attempt - 1),
          retry.maxRetryIntervalInMilliseconds ?? Infinity,
        );
        const fireAt = new Date(Date.now() + delay).toISOString();
        const timerId = record.nextEventId++;
        await sleep(delay);
        scheduledId = record.nextEventId++;
        events.push(history.timerCreated(timerId, fireAt), history.timerFired(timerId, fireAt));
        events.push(history.taskScheduled(scheduledId, name));
      }
    }
  }

  private async callActivity(name: string, input: unknown): Promise<unknown> {
    const activity = this.activities.get(name);
    if (!activity) throw new Error(`No activity named ${name}.`);
    return activity.handler(input, createInvocationContext(name));
  }

  private async save(record: InstanceRecord): Promise<void> {
    record.lastUpdatedTime = new Date().toISOString();
    await this.store.save(record);
  }
}

function scheduledEvent(action: ReplayedAction, id: number): HistoryEvent {
  if (action.actionType === ACTION.CreateTimer) {
    return history.timerCreated(id, new Date(action.fireAt ?? Date.now()).toISOString());
  }
  return history.taskScheduled(id, action.functionName ?? '');
}
