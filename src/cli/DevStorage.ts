import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { AzuriteProcess } from '../localHost/AzuriteProcess';
import { isPortOpen } from './isPortOpen';
import { probeStoragePort } from './probeStoragePort';
import { readCommandLine } from './readCommandLine';
import { readProcessStatus } from './readProcessStatus';
import { stopProcess } from './stopProcess';

/** `UseDevelopmentStorage=true` means these ports; the blob port is the one the app uses. */
const BLOB_PORT = 10_000;

/** What `.azurite/azurite.pid` records about the Azurite an `npm start` runs. */
interface PidRecord {
  pid: number;
  /** The `npm start` process that started it. */
  owner: number;
  commandLine: string[];
}

function readPidRecord(file: string): PidRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<PidRecord>;
    const { pid, owner, commandLine } = record;
    if (typeof pid !== 'number' || typeof owner !== 'number' || !Array.isArray(commandLine)) return undefined;
    return { pid, owner, commandLine };
  } catch {
    return undefined;
  }
}

/**
 * Development storage for `npm start`: the Azurite it starts on 10000 (data and pid file in
 * `.azurite/`), one already there, or one clear line when 10000 is held by something else.
 * An Azurite an earlier `npm start` left running (its pid file names a live process with the very
 * command line recorded, whose starter is gone) is stopped and started afresh, so that this run
 * owns it and stops it on the way out.
 */
export class DevStorage {
  private constructor(
    private readonly azurite: AzuriteProcess,
    private readonly pidFile: string,
  ) {}

  /** Resolves to the Azurite it started, or undefined when an Azurite not ours is used. */
  static async start(folder: string, log: (line: string) => void): Promise<DevStorage | undefined> {
    const location = join(folder, '.azurite');
    const pidFile = join(location, 'azurite.pid');
    if (await isPortOpen(BLOB_PORT)) {
      const record = readPidRecord(pidFile);
      const ours = record && isDeepStrictEqual(readCommandLine(record.pid), record.commandLine);
      if (record && ours) {
        if (readProcessStatus(record.pid)?.ppid === record.owner) {
          throw new Error(
            `Port ${BLOB_PORT}: the Azurite of another npm start (pid ${record.owner}) is running; stop that one first (Ctrl-C in its terminal).`,
          );
        }
        log(`Port ${BLOB_PORT}: stopping the Azurite an earlier npm start left running (pid ${record.pid}).`);
        await stopProcess(record.pid);
        await DevStorage.waitUntilFree();
      } else {
        const probe = await probeStoragePort(BLOB_PORT);
        if (probe.kind === 'azurite') {
          log(
            `Port ${BLOB_PORT}: using the Azurite already running there (${probe.server}, not started by npm start; it keeps running after this).`,
          );
          return undefined;
        }
        if (probe.kind === 'other') {
          throw new Error(
            `Port ${BLOB_PORT} (development storage) is held by something that is not Azurite: it ${probe.answer}. Stop it, or set AzureWebJobsStorage (and BOT_STORAGE) to a storage connection string.`,
          );
        }
      }
    }
    const azurite = await AzuriteProcess.start({ location, services: 'all', blobPort: BLOB_PORT });
    if (azurite.pid !== undefined) {
      const record: PidRecord = {
        pid: azurite.pid,
        owner: process.pid,
        commandLine: [...azurite.commandLine],
      };
      writeFileSync(pidFile, `${JSON.stringify(record)}\n`);
    }
    log('Azurite started (blob 10000, queue 10001, table 10002), data in .azurite/');
    return new DevStorage(azurite, pidFile);
  }

  async stop(): Promise<void> {
    await this.azurite.stop();
    if (readPidRecord(this.pidFile)?.pid === this.azurite.pid) rmSync(this.pidFile, { force: true });
  }

  private static async waitUntilFree(): Promise<void> {
    for (let waited = 0; waited < 5_000; waited += 100) {
      if (!(await isPortOpen(BLOB_PORT))) return;
      await sleep(100);
    }
    throw new Error(
      `Port ${BLOB_PORT} is still busy after stopping the earlier Azurite; stop what holds it.`,
    );
  }
}
