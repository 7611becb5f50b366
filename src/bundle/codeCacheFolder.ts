import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A writable folder for the bundle's V8 code cache: `.code-cache` beside the bundle when that can be
 * written (a local build), else one in the OS temp folder named after the bundle's path (Azure
 * runs the package read-only, from a zip); undefined when neither can be written (no cache then).
 */
export function codeCacheFolder(bundle: string): string | undefined {
  const id = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  for (const folder of [
    join(dirname(bundle), '.code-cache'),
    join(tmpdir(), `proactive-bot-code-cache-${id}`),
  ]) {
    try {
      mkdirSync(folder, { recursive: true });
      accessSync(folder, constants.W_OK);
      return folder;
    } catch {
      // Not writable: try the next place.
    }
  }
  return undefined;
}
