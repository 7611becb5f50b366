import { readProcessStatus } from './readProcessStatus';

/**
 * Calls `onGone` once when the process that started this one ends, or its own parent does. The
 * grandparent matters because npm runs a script through `sh -c`: when npm alone is killed (SIGHUP
 * to npm does not reach its children), the shell stays and only the shell's parent changes. A
 * process whose parent ends is handed to init (or a subreaper), so a changed parent pid means the
 * parent is gone: a check every `everyMs` needs nothing from the parent and cannot miss a `kill -9`.
 * Without /proc (not Linux) only the direct parent is watched. Returns a function that stops watching.
 */
export function watchParent(onGone: (why: string) => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const grandparent = readProcessStatus(parent)?.ppid;
  const timer = setInterval(() => {
    let why: string | undefined;
    if (process.ppid !== parent) why = `its parent process (pid ${parent}) ended`;
    else if (grandparent !== undefined && grandparent > 1) {
      const now = readProcessStatus(parent);
      if (now && now.ppid !== grandparent) why = `the parent of its parent (pid ${grandparent}) ended`;
    }
    if (why === undefined) return;
    clearInterval(timer);
    onGone(why);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
