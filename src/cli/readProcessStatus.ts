import { readFileSync } from 'node:fs';

export interface ProcessStatus {
  /** The parent's pid. */
  ppid: number;
  /** One letter: R running, S sleeping, T stopped, Z zombie (exited, not yet reaped), ... */
  state: string;
}

/**
 * A process's state and parent from /proc/<pid>/stat (Linux), or undefined when there is no such
 * process or no /proc. The command name sits in parentheses and may itself contain ") ".
 */
export function readProcessStatus(pid: number): ProcessStatus | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (!state || !ppid) return undefined;
  return { state, ppid: Number(ppid) };
}
