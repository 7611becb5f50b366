import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalApp } from '../../src/localHost/createLocalApp';
import type { DurableStatus } from '../../src/localHost/durable/LocalDurableRuntime';

/** A 202 of a scheduled notify. */
export interface Scheduled {
  id: string;
  statusQueryGetUri: string;
}

/** `sendAt` this many ms from now, as an ISO 8601 string. */
export function sendAtIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

/** Polls the instance's status until `done` holds (or throws after `timeoutMs`). */
export async function statusWhen(
  local: LocalApp,
  id: string,
  done: (status: DurableStatus) => boolean,
  timeoutMs = 15_000,
): Promise<DurableStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await local.runtime.status(id);
    if (status && done(status)) return status;
    assert.ok(Date.now() < deadline, `instance ${id}: ${JSON.stringify(status)}`);
    await sleep(50);
  }
}
