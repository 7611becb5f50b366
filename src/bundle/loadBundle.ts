import Module, { createRequire } from 'node:module';
import type * as BundleEntry from './bundleEntry';
import { CodeCacheFile } from './CodeCacheFile';
import { codeCacheFolder } from './codeCacheFolder';
import { mapStackTraces } from './mapStackTraces';
import { runWithCodeCache } from './runWithCodeCache';

/** What the app bundle exports (bundleEntry.ts). */
export type AppBundle = typeof BundleEntry;

/** Node 22's module compile cache (not in Node 20, whose typings these are). */
interface CompileCache {
  enableCompileCache?: (directory: string) => unknown;
  flushCompileCache?: () => void;
}

/**
 * Loads the app bundle (`bundle`, built by buildBundle) with a V8 code cache, so that a start
 * compiles none of its code again: Node 22's module compile cache where there is one (what Azure
 * runs), else vm.Script `cachedData` (runWithCodeCache). The cache goes where it can be written
 * (codeCacheFolder); nowhere writable, stale or corrupt means compiling from source as `require`
 * does, never a failed start. Stack traces from the bundle name TypeScript lines (mapStackTraces).
 */
export function loadBundle(bundle: string): AppBundle {
  mapStackTraces(bundle, `${bundle}.map`);
  const folder = codeCacheFolder(bundle);
  const load = createRequire(bundle);
  const compileCache = Module as CompileCache;
  if (!folder) return load(bundle) as AppBundle;
  if (compileCache.enableCompileCache) {
    compileCache.enableCompileCache(folder);
    const app = load(bundle) as AppBundle;
    compileCache.flushCompileCache?.();
    return app;
  }
  const cache = cacheFileFor(bundle, folder);
  return (cache ? runWithCodeCache(bundle, cache) : load(bundle)) as AppBundle;
}

/** The bundle's cache file; none on a Node 20 too old for what it needs (zlib.crc32 came in 20.15). */
function cacheFileFor(bundle: string, folder: string): CodeCacheFile | undefined {
  try {
    return CodeCacheFile.for(bundle, folder);
  } catch {
    return undefined;
  }
}
