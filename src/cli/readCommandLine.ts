import { readFileSync } from 'node:fs';

/** A process's command line from /proc/<pid>/cmdline (Linux), or undefined when it cannot be read. */
export function readCommandLine(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.replace(/\0$/, '').split('\0') : undefined;
  } catch {
    return undefined;
  }
}
