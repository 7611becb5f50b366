import { setTimeout as sleep } from 'node:timers/promises';
import { readProcessStatus } from './readProcessStatus';

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // Exited but not yet reaped by its new parent: gone for our purposes.
  return readProcessStatus(pid)?.state === 'Z';
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Stops a process that is not our child (so there is no exit event to wait for): SIGTERM (and SIGCONT,
 * in case it was stopped), then SIGKILL after `graceMs`. Resolves true once it is gone.
 */
export async function stopProcess(pid: number, graceMs = 5_000): Promise<boolean> {
  signal(pid, 'SIGTERM');
  signal(pid, 'SIGCONT');
  for (const [name, waitMs] of [['SIGKILL', graceMs] as const, [undefined, 2_000] as const]) {
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (isGone(pid)) return true;
      await sleep(100);
    }
    if (name) signal(pid, name);
  }
  return isGone(pid);
}
