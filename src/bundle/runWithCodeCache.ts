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

/**
 * Runs a CommonJS file as `require` would (one module, its own `require`, `__filename`), compiled
 * with the V8 code cache in `cache` (Node 20 has no module compile cache: vm.Script `cachedData` is
 * its way). Without a usable cache, or when V8 rejects it, the file compiles from source and a new
 * cache is written when the process exits: writing takes the event loop for a moment (an 11 MB
 * script), which must neither delay the first answer nor stall requests later, and by then the
 * cache also holds the functions compiled lazily (the request paths). A process that never exits
 * normally (kill -9) leaves no cache; Node 20 is for development here (Azure runs Node 22, whose
 * compile cache loadBundle uses), where Ctrl-C and the tests' SIGINT exit normally.
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
  const fresh = !cachedData || script.cachedDataRejected;
  const loaded = new Module(file, module);
  const load = createRequire(file);
  loaded.filename = file;
  loaded.paths = load.resolve.paths('x') ?? [];
  const body = script.runInThisContext() as ModuleBody;
  body.call(loaded.exports, loaded.exports, load, loaded, file, dirname(file));
  loaded.loaded = true;
  if (fresh) process.once('exit', () => cache.write(script.createCachedData()));
  return loaded.exports;
}
