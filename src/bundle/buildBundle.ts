import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { asciiOnly } from './asciiOnly';
import { bundleLayout } from './bundleLayout';
import type { BuildManifest } from './bundleUpToDate';

/**
 * Node's CommonJS `__filename` as `import.meta.url`, for the packages whose ESM build esbuild picks
 * (esbuild leaves `import.meta` empty in CommonJS output).
 */
const IMPORT_META_URL = 'var __bundleImportMetaUrl = require("node:url").pathToFileURL(__filename).href;';

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  external: [...bundleLayout.external],
  // tr46, whatwg-url and tough-cookie require Node's deprecated `punycode` (a DEP0040 warning on
  // Node 22, an extra stderr line at start): the userland package they depend on has the same API.
  alias: { punycode: 'punycode/' },
};

/**
 * Bundles the app (bundleEntry.ts and everything it imports, dependencies included) into one file,
 * `dist/app/app.js`, with a source map (mappings only: stacks name TypeScript lines, see
 * mapStackTraces), and the launchers beside it. Writes the build manifest: every file the bundle
 * read, so that the next `npm start` can skip an unchanged build (bundleUpToDate).
 */
export async function buildBundle(root: string): Promise<void> {
  const folder = join(root, bundleLayout.folder);
  mkdirSync(folder, { recursive: true });
  const app = await build({
    ...common,
    absWorkingDir: root,
    entryPoints: { app: bundleLayout.entry },
    outdir: folder,
    sourcemap: 'linked',
    sourcesContent: false,
    // Less text to read and compile at each start; names stay, so stacks and `.name` are unchanged.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    define: { 'import.meta.url': '__bundleImportMetaUrl' },
    banner: { js: IMPORT_META_URL },
  });
  asciiOnly(join(folder, 'app.js'));
  const launchers = await build({
    ...common,
    absWorkingDir: root,
    entryPoints: bundleLayout.launchers,
    outdir: folder,
    metafile: true,
  });
  const inputs = [...Object.keys(app.metafile.inputs), ...Object.keys(launchers.metafile.inputs)];
  const manifest: BuildManifest = {
    inputs: [...new Set(inputs)].map((path) => relative(root, join(root, path))),
    outputs: [...Object.keys(app.metafile.outputs), ...Object.keys(launchers.metafile.outputs)].map((path) =>
      relative(root, join(root, path)),
    ),
  };
  writeFileSync(join(folder, bundleLayout.manifest), `${JSON.stringify(manifest)}\n`);
}
