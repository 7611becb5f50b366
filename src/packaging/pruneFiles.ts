import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isLeftOut } from './packageContents';

/** Deletes, under the folder, every file the package leaves out (see packageContents); returns how many. */
export function pruneFiles(folder: string): number {
  let removed = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removed += pruneFiles(path);
    else if (isLeftOut(entry.name)) {
      rmSync(path, { force: true });
      removed++;
    }
  }
  return removed;
}
