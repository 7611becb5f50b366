import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { userMessage } from '../test/support/activities';
import { TestChannel } from '../test/support/TestChannel';
import { TestAzurite } from '../test/support/testAzurite';
import { median, printRatio } from './support/stats';

const RUNS = 5;
/** `npm start`'s program: the app bundle's launcher (dist/app/start.js). */
const PRODUCT = join(__dirname, '..', 'app', 'start.js');
const BARE = join(__dirname, 'support', 'bareEchoBot.js');
/** Where the bundle's V8 code cache is kept in a local build (src/bundle/codeCacheFolder.ts). */
const CODE_CACHE = join(__dirname, '..', 'app', '.code-cache');

/** Milliseconds from spawning the program to the first /api/messages answered (reply received). */
async function timeToFirstAnswer(
  args: string[],
  env: Record<string, string>,
  channel: TestChannel,
  run: string,
) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: mkdtempSync(join(tmpdir(), 'startup-')),
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
        if (match?.[1]) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const where = { serviceUrl: channel.serviceUrl, conversationId: run };
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(userMessage(where, 'help')),
    });
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    await channel.waitForCount(run, 1);
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}

/** Start-up of the local host (Azurite already running) beside a bare CloudAdapter echo bot. */
export async function startupTime(): Promise<void> {
  const azurite = await TestAzurite.start();
  const channel = new TestChannel();
  await channel.start();
  try {
    const ours: number[] = [];
    const uncached: number[] = [];
    const bare: number[] = [];
    const env = { AzureWebJobsStorage: azurite.connectionString };
    for (let i = 0; i < RUNS; i++) {
      // The first start of an instance: no code cache yet (it writes one).
      rmSync(CODE_CACHE, { recursive: true, force: true });
      uncached.push(await timeToFirstAnswer([PRODUCT, '--local-host'], env, channel, `uncached-${i}`));
      ours.push(await timeToFirstAnswer([PRODUCT, '--local-host'], env, channel, `ours-${i}`));
      bare.push(await timeToFirstAnswer([BARE], {}, channel, `bare-${i}`));
    }
    printRatio('Start-up to first answered /api/messages (median of 5)', median(ours), median(bare), 'ms');
    printRatio('Start-up without a code cache yet (median of 5)', median(uncached), median(bare), 'ms');
  } finally {
    await channel.stop();
    await azurite.stop();
  }
}
