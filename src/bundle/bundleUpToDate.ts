import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleLayout } from './bundleLayout';

/** What a build read and wrote, paths relative to the project root (buildBundle writes it). */
export interface BuildManifest {
  inputs: string[];
  outputs: string[];
}

/**
 * Files that decide the bundle besides its inputs: how it is built (this folder's build scripts)
 * and the dependencies' versions.
 */
const BUILD_FILES = [
  join('src', 'bundle', 'bundleLayout.ts'),
  join('src', 'bundle', 'buildBundle.ts'),
  'package.json',
  'package-lock.json',
];

/**
 * Whether the last build's outputs are all there and newer than everything it read (and than the
 * build scripts): then building again would produce the same files. A file that is gone, or the
 * manifest missing or unreadable, means "not up to date". A new file that nothing imported before
 * cannot matter until an input changes to import it.
 */
export function bundleUpToDate(root: string): boolean {
  let manifest: BuildManifest;
  try {
    const text = readFileSync(join(root, bundleLayout.folder, bundleLayout.manifest), 'utf8');
    manifest = JSON.parse(text) as BuildManifest;
    const oldestOutput = Math.min(...manifest.outputs.map((path) => statSync(join(root, path)).mtimeMs));
    const newestInput = Math.max(
      ...[...manifest.inputs, ...BUILD_FILES].map((path) => statSync(join(root, path)).mtimeMs),
    );
    return manifest.outputs.length > 0 && newestInput < oldestOutput;
  } catch {
    return false;
  }
}
