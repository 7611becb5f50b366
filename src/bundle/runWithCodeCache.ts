import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { constants, Script } from 'node:vm';
import type { CodeCacheFile } from './CodeCacheFile';

/** The function Module.wrap's text evaluates to: a CommonJS module body. */
type ModuleBody = (
  exports: unknown,
  require: NodeJS.Require,
  module: Module,
  filename: string,
  dirname: string,
) => void;

/** When a fresh cache is written at the latest: by then start-up and a first turn have compiled their code. */
const WRITE_AFTER_MS = 10_000;

/**
 * Runs a CommonJS file as `require` would (one module, its own `require`, `__filename`), compiled
 * with the V8 code cache in `cache` (Node 20 has no module compile cache: vm.Script `cachedData` is
 * its way). Without a usable cache, or when V8 rejects it, the file compiles from source and a new
 * cache is written once, at exit or after WRITE_AFTER_MS, whichever comes first: taken after the
 * code ran, it holds the functions compiled lazily since, not only the top level.
 */
export function runWithCodeCache(file: string, cache: CodeCacheFile): unknown {
  const cachedData = cache.read();
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    // `import()` in the bundle as in a required file (the constant came in Node 20.13).
    importModuleDynamically: (constants as Partial<typeof constants> | undefined)
      ?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      cache.write(script.createCachedData());
    };
    process.once('exit', write);
    setTimeout(write, WRITE_AFTER_MS).unref();
  }
  const loaded = new Module(file, module);
  const load = createRequire(file);
  loaded.filename = file;
  loaded.paths = load.resolve.paths('x') ?? [];
  const body = script.runInThisContext() as ModuleBody;
  body.call(loaded.exports, loaded.exports, load, loaded, file, dirname(file));
  loaded.loaded = true;
  return loaded.exports;
}
