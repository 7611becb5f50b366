import { createOrchestrator } from 'durable-functions/lib/src/util/testingUtils';
import type { ActivityDefinition, FunctionDefinition } from '../../host/FunctionDefinition';
import { createInvocationContext } from '../createInvocationContext';
import type { DurableInstanceStore, InstanceRecord } from './DurableInstanceStore';
import { history } from './historyEvents';
import { InstanceRun } from './InstanceRun';
import { MAX_TIMEOUT_MS } from './sleepUntil';

/** The status route's answer, in Durable's own shape. */
export type DurableStatus = Pick<
  InstanceRecord,
  'name' | 'instanceId' | 'runtimeStatus' | 'customStatus' | 'output' | 'createdTime' | 'lastUpdatedTime'
>;

export interface LocalDurableRuntimeOptions {
  /** The longest single setTimeout of a durable timer (default Node's limit, ~24.8 days); longer waits are chained. */
  maxWaitMs?: number;
}

/**
 * Runs Durable orchestrations in-process where the Durable extension is not available: the real
 * orchestrator function is replayed by durable-functions' own engine over a history this keeps, and
 * the actions it asks for (activities, with the extension's retry protocol, and timers) run here, each
 * by its registered handler. As under the extension, the orchestrator is replayed as soon as one
 * action completes (so `Task.any` works), external events are raised into the history
 * (`raiseEvent`), and an instance can be terminated. The history and the outstanding actions are
 * saved after every step, so that a restarted host resumes unfinished instances: completed activities
 * are not run again; activities that were running when the process died are (at least once, as under
 * the real extension); timers fire at their original time, however far away (chained waits).
 */
export class LocalDurableRuntime {
  private readonly orchestrators = new Map<string, ReturnType<typeof createOrchestrator>>();
  private readonly activities = new Map<string, ActivityDefinition>();
  private readonly runs = new Map<string, InstanceRun>();
  private readonly maxWaitMs: number;

  constructor(
    definitions: FunctionDefinition[],
    private readonly store: DurableInstanceStore,
    options: LocalDurableRuntimeOptions = {},
  ) {
    for (const fn of definitions) {
      if (fn.kind === 'orchestration') this.orchestrators.set(fn.name, createOrchestrator(fn.handler));
      if (fn.kind === 'activity') this.activities.set(fn.name, fn);
    }
    this.maxWaitMs = options.maxWaitMs ?? MAX_TIMEOUT_MS;
  }

  /** Starts an instance unless one with this id exists; true when it started. */
  async start(name: string, instanceId: string, input: unknown): Promise<boolean> {
    if (this.runs.has(instanceId) || (await this.store.load(instanceId))) return false;
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
      pending: [],
    };
    await this.store.save(record);
    this.drive(record);
    return true;
  }

  async status(instanceId: string): Promise<DurableStatus | undefined> {
    const record = this.runs.get(instanceId)?.record ?? (await this.store.load(instanceId));
    if (!record) return undefined;
    const { name, runtimeStatus, customStatus, output, createdTime, lastUpdatedTime } = record;
    return { name, instanceId, runtimeStatus, customStatus, output, createdTime, lastUpdatedTime };
  }

  /** Raises an external event (appended to the history, then a replay); dropped when the instance is not running. */
  raiseEvent(instanceId: string, name: string, data: unknown): Promise<void> {
    this.runs.get(instanceId)?.raise(name, data);
    return Promise.resolve();
  }

  /** Terminates a running instance (runtimeStatus "Terminated", output = reason); a finished one stays as it is. */
  async terminate(instanceId: string, reason: string): Promise<void> {
    const run = this.runs.get(instanceId);
    if (run) return run.terminate(reason);
    const record = await this.store.load(instanceId);
    if (!record || (record.runtimeStatus !== 'Pending' && record.runtimeStatus !== 'Running')) return;
    record.runtimeStatus = 'Terminated';
    record.output = reason;
    record.pending = [];
    await this.save(record);
  }

  /** Picks up the instances an earlier process left unfinished. */
  async resumeUnfinished(): Promise<number> {
    const unfinished = (await this.store.unfinished()).filter((r) => !this.runs.has(r.instanceId));
    for (const record of unfinished) this.drive(record);
    return unfinished.length;
  }

  /** Resolves when no instance has an activity, a timer or a step under way (waiting for events only, or ended). */
  async idle(): Promise<void> {
    const busy = () => [...this.runs.values()].filter((run) => !run.ended);
    for (let runs = busy(); runs.length; runs = busy()) {
      await Promise.all(runs.map((run) => run.quiet()));
      if (runs.every((run) => !run.ended)) return;
    }
  }

  /** Stops driving every instance without writing anything (as when the process goes away). */
  abandon(): void {
    for (const run of this.runs.values()) run.abandon();
    this.runs.clear();
  }

  private drive(record: InstanceRecord): void {
    const run = new InstanceRun(record, {
      orchestrate: this.orchestratorFor(record.name),
      callActivity: (name, input) => this.callActivity(name, input),
      save: async (saved) => {
        await this.save(saved);
        if (run.ended && this.runs.get(saved.instanceId) === run) this.runs.delete(saved.instanceId);
      },
      maxWaitMs: this.maxWaitMs,
    });
    this.runs.set(record.instanceId, run);
    run.begin();
  }

  private orchestratorFor(name: string): ReturnType<typeof createOrchestrator> {
    const orchestrate = this.orchestrators.get(name);
    if (orchestrate) return orchestrate;
    return () => Promise.reject(new Error(`No orchestrator named ${name}.`));
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
