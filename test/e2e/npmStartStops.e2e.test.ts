import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { isPortOpen } from '../../src/cli/isPortOpen';
import { probeStoragePort } from '../../src/cli/probeStoragePort';
import { LocalHostProcess } from '../support/LocalHostProcess';
import type { Launcher } from '../support/LocalHostProcess';
import {
  AZURITE_PORTS,
  isGone,
  killLeftovers,
  openPorts,
  pidRecordIn,
  waitUntil,
} from '../support/startedProcesses';

/**
 * `npm start` leaves nothing running however it ends. These tests need port 10000 (development
 * storage is fixed there): they skip when it is busy, and run one at a time (--test-concurrency=1).
 */

interface Run {
  host: LocalHostProcess;
  folder: string;
  azurite: number;
  start: number;
}

async function startRun(launcher?: Launcher): Promise<Run> {
  const folder = mkdtempSync(join(tmpdir(), 'npm-start-stops-'));
  const host = await LocalHostProcess.start({}, folder, launcher);
  const pids = pidRecordIn(folder);
  assert.ok(pids, `start wrote .azurite/azurite.pid:\n${host.output}`);
  return { host, folder, ...pids };
}

/** Within 5 s: the start process and its Azurite are gone and nothing listens on their ports. */
async function assertAllStopped(run: Run, alsoGone: number[] = []): Promise<void> {
  const pids = [run.start, run.azurite, ...alsoGone];
  const ports = [...AZURITE_PORTS, run.host.port];
  const stopped = await waitUntil(
    async () => pids.every(isGone) && (await openPorts(ports)).length === 0,
    5_000,
  );
  const left = pids.filter((pid) => !isGone(pid));
  assert.ok(
    stopped,
    `still running: pids ${left.join(', ') || 'none'}; ports ${(await openPorts(ports)).join(', ') || 'none'}\n${run.host.output}`,
  );
}

async function skipUnlessFree(t: TestContext): Promise<boolean> {
  if (!(await isPortOpen(10_000))) return false;
  t.skip('something already listens on 10000; start would use it instead of starting Azurite');
  return true;
}

async function withRun(launcher: Launcher | undefined, body: (run: Run) => Promise<void>): Promise<void> {
  const run = await startRun(launcher);
  try {
    await body(run);
  } finally {
    await killLeftovers([run.host.pid, run.start, run.azurite]);
  }
}

test('SIGHUP (terminal closed) stops the local host and Azurite', async (t) => {
  if (await skipUnlessFree(t)) return;
  await withRun(undefined, async (run) => {
    assert.equal(await run.host.stop('SIGHUP'), 0);
    await assertAllStopped(run);
  });
});

test('kill -9 of the start process stops its Azurite too', async (t) => {
  if (await skipUnlessFree(t)) return;
  await withRun(undefined, async (run) => {
    assert.equal(await run.host.stop('SIGKILL'), null);
    await assertAllStopped(run);
  });
});

test('kill -9 of the shell that runs start stops start and Azurite', async (t) => {
  if (await skipUnlessFree(t)) return;
  // `; exit $?` keeps sh from replacing itself with node: start has a parent of its own to lose.
  const viaShell: Launcher = (node, args) => ({
    command: 'sh',
    args: ['-c', `"${node}" ${args.map((a) => `"${a}"`).join(' ')}; exit $?`],
  });
  await withRun(viaShell, async (run) => {
    assert.notEqual(run.start, run.host.pid, 'start runs under the shell');
    await run.host.stop('SIGKILL');
    await assertAllStopped(run);
  });
});

test('SIGHUP to npm alone (npm -> sh -c -> start) stops start and Azurite', async (t) => {
  if (await skipUnlessFree(t)) return;
  // An npm stand-in: runs the script through `sh -c` as npm does, and dies of SIGHUP without
  // passing it on (npm forwards only SIGINT and SIGTERM), leaving the shell and start behind.
  const npmLike: Launcher = (node, args) => ({
    command: node,
    args: [
      '-e',
      "require('child_process').spawn('sh', ['-c', process.argv[1]], { stdio: 'inherit' }); setInterval(() => {}, 1e6);",
      `"${node}" ${args.map((a) => `"${a}"`).join(' ')}`,
    ],
  });
  await withRun(npmLike, async (run) => {
    assert.equal(await run.host.stop('SIGHUP'), null, 'the npm stand-in died of SIGHUP');
    await assertAllStopped(run);
  });
});

test('an Azurite left running by an earlier, killed start is found and replaced on the next start', async (t) => {
  if (await skipUnlessFree(t)) return;
  await withRun(undefined, async (first) => {
    // A hung Azurite (stopped) outlives its start: the next start must not take it for a stranger.
    process.kill(first.azurite, 'SIGSTOP');
    await first.host.stop('SIGKILL');
    assert.ok(await isPortOpen(10_000), 'the orphan still holds 10000');
    const second = await LocalHostProcess.start({}, first.folder);
    const pids = pidRecordIn(first.folder);
    try {
      assert.match(
        second.output,
        new RegExp(
          `Port 10000: stopping the Azurite an earlier npm start left running \\(pid ${first.azurite}\\)`,
        ),
      );
      assert.match(second.output, /Azurite started/);
      assert.ok(isGone(first.azurite), 'the orphan is gone');
      assert.ok(pids && pids.azurite !== first.azurite, 'a fresh Azurite runs');
      assert.equal((await probeStoragePort(10_000)).kind, 'azurite');
      assert.equal(await second.stop('SIGINT'), 0);
      assert.ok(pids);
      await assertAllStopped({ host: second, folder: first.folder, ...pids });
    } finally {
      await killLeftovers([second.pid, pids?.azurite]);
    }
  });
});
