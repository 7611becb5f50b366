import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { readProcessStatus } from '../../src/cli/readProcessStatus';

/** The ports `npm start`'s Azurite listens on (development storage). */
export const AZURITE_PORTS = [10_000, 10_001, 10_002];

/** The Azurite `npm start` runs for the folder and the start process, from its pid file. */
export function pidRecordIn(folder: string): { azurite: number; start: number } | undefined {
  try {
    const file = join(folder, '.azurite', 'azurite.pid');
    const record = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; owner?: unknown };
    const { pid, owner } = record;
    return typeof pid === 'number' && typeof owner === 'number' ? { azurite: pid, start: owner } : undefined;
  } catch {
    return undefined;
  }
}

/** No such process any more (an exited process that nobody has reaped yet counts as gone). */
export function isGone(pid: number): boolean {
  const status = readProcessStatus(pid);
  return status === undefined || status.state === 'Z';
}

/** Waits until the check holds; false when it still does not after `ms`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await sleep(100);
  }
}

/** The ports of these that something still listens on. */
export async function openPorts(ports: number[]): Promise<number[]> {
  const open: number[] = [];
  for (const port of ports) if (await isPortOpen(port)) open.push(port);
  return open;
}

/** Last resort for a failed test: SIGKILL whatever of these is still running, and wait for it to go. */
export async function killLeftovers(pids: (number | undefined)[]): Promise<void> {
  const left = pids.filter((pid): pid is number => pid !== undefined && !isGone(pid));
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  await waitUntil(() => left.every(isGone), 3_000);
}
