/**
 * Durable Task history events in the shape durable-functions' replay engine reads (the fields the
 * Durable extension sends to the worker). Event types are the extension's numbers.
 */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  Name?: string;
  Input?: string;
  Result?: string;
  TaskScheduledId?: number;
  Reason?: string;
  Details?: string;
  FireAt?: string;
  TimerId?: number;
}

const TYPE = {
  ExecutionStarted: 0,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventRaised: 15,
} as const;

const event = (EventType: number, fields: Partial<HistoryEvent> = {}): HistoryEvent => ({
  EventType,
  EventId: -1,
  IsPlayed: false,
  Timestamp: new Date().toISOString(),
  ...fields,
});

export const history = {
  orchestratorStarted: () => event(TYPE.OrchestratorStarted),
  orchestratorCompleted: () => event(TYPE.OrchestratorCompleted),
  executionStarted: (name: string, input: unknown) =>
    event(TYPE.ExecutionStarted, { Name: name, Input: JSON.stringify(input) }),
  taskScheduled: (id: number, name: string) => event(TYPE.TaskScheduled, { EventId: id, Name: name }),
  taskCompleted: (id: number, result: unknown) =>
    event(TYPE.TaskCompleted, { TaskScheduledId: id, Result: JSON.stringify(result ?? null) }),
  taskFailed: (id: number, reason: string) =>
    event(TYPE.TaskFailed, { TaskScheduledId: id, Reason: reason, Details: reason }),
  timerCreated: (id: number, fireAt: string) => event(TYPE.TimerCreated, { EventId: id, FireAt: fireAt }),
  timerFired: (id: number, fireAt: string) => event(TYPE.TimerFired, { TimerId: id, FireAt: fireAt }),
  eventRaised: (name: string, data: unknown) =>
    event(TYPE.EventRaised, { Name: name, Input: JSON.stringify(data ?? null) }),
};

/** The action types durable-functions emits that the local host runs. */
export const ACTION = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
} as const;
