import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A file of the project root, found from a compiled file's folder by going up to the first folder
 * that holds package.json: the same answer from dist/src/cli (tsc) and dist/app (the bundle).
 */
export function projectFile(from: string, name: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return join(folder, name);
    if (dirname(folder) === folder) return join(from, name);
  }
}
