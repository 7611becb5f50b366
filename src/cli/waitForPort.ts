import { setTimeout as sleep } from 'node:timers/promises';
import { isPortOpen } from './isPortOpen';

/** Waits until something listens on the port (of 127.0.0.1); throws after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(250)) {
    if (await isPortOpen(port)) return;
  }
  throw new Error(`Nothing listens on port ${port} after ${timeoutMs / 1000} s.`);
}
