import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { isLeftOut, packageContents } from './packageContents';

/**
 * Copies what the package holds from the project root into `target` (emptied first): host.json,
 * the app bundle (see packageContents), package.json with only the keys that matter at run time
 * (no devDependencies, no scripts that need the sources) and package-lock.json as it is (npm
 * install --omit=dev then prunes it to match).
 */
export function stagePackage(root: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const leftOut = new Set(packageContents.leftOutOfDist.map((path) => join(root, ...path.split('/'))));
  const keptFiles = new Set(packageContents.keptAnyway.map((path) => join(root, ...path.split('/'))));
  const wanted = (path: string): boolean =>
    !leftOut.has(path) && (keptFiles.has(path) || !isLeftOut(basename(path)));
  for (const name of packageContents.copied) {
    const from = join(root, name);
    if (!existsSync(from)) throw new Error(`${name} is missing: run npm run build first`);
    // Entry by entry: the target may be inside dist/, and a folder cannot be copied into itself.
    const entries = statSync(from).isDirectory()
      ? readdirSync(from).map((entry) => join(name, entry))
      : [name];
    for (const entry of entries) {
      const source = join(root, entry);
      if (!wanted(source)) continue;
      cpSync(source, join(target, entry), { recursive: true, filter: wanted });
    }
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of packageContents.packageJsonKeys) if (key in manifest) kept[key] = manifest[key];
  writeFileSync(join(target, 'package.json'), `${JSON.stringify(kept, null, 2)}\n`);
  cpSync(join(root, 'package-lock.json'), join(target, 'package-lock.json'));
}
