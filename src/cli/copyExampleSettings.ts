import { constants, copyFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * When the folder has no local.settings.json but has local.settings.json.example, copies the example
 * (as the README's `func start` path asks a developer to do) and returns the line that says so.
 */
export function copyExampleSettings(folder: string): string | undefined {
  const settings = resolve(folder, 'local.settings.json');
  const example = resolve(folder, 'local.settings.json.example');
  if (existsSync(settings) || !existsSync(example)) return undefined;
  copyFileSync(example, settings, constants.COPYFILE_EXCL);
  return 'local.settings.json was missing: copied local.settings.json.example to it (edit it to change settings).';
}
