import type { ChildProcess } from 'node:child_process';

/**
 * Waits until a child process prints a line matching `ready` (on stdout or stderr) and resolves with
 * the pattern's first group. Until then its output is kept, to say why it failed to start; from then
 * on nothing is kept or scanned: the listeners are removed and the output is drained. (They used to
 * stay: Azurite prints a line per request, and every line grew the kept text and was scanned again
 * with it, so each storage request cost the parent more CPU than the one before.)
 */
export function awaitListening(child: ChildProcess, ready: RegExp, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output = '';
    const settle = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.stdout?.resume();
      child.stderr?.resume();
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = ready.exec(output)?.[1];
      if (found === undefined) return;
      settle();
      resolve(found);
    };
    const onExit = (code: number | null): void => {
      settle();
      reject(new Error(`exited (code ${code}) before listening:\n${output}`));
    };
    const timer = setTimeout(() => {
      settle();
      child.kill('SIGKILL');
      reject(new Error(`did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
