import { spawn } from 'node:child_process';

/** Runs a command in a folder with the output shown; rejects with a line naming it when it fails. */
export function runCommand(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', (err) =>
      reject(new Error(`${command} could not run (${err.message}); is it installed and on PATH?`)),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}
