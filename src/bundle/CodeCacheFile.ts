import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';

const MAGIC = 'pbcc1';
const HEADER = MAGIC.length + 8;

/**
 * The V8 code cache of one bundle build on Node 20 (vm.Script `cachedData`), one file in the cache
 * folder. Its name holds what makes a cache stale (the bundle's size and time, Node's version and
 * flags), its content a checksum: a stale, cut or corrupt file reads as no cache, never as bad code.
 * Writes go to a temporary file renamed into place, so a reader never sees half a file.
 */
export class CodeCacheFile {
  private constructor(
    private readonly folder: string,
    private readonly prefix: string,
    readonly path: string,
  ) {}

  static for(bundle: string, folder: string): CodeCacheFile {
    const { size, mtimeMs } = statSync(bundle);
    const flags = crc32(process.execArgv.join(' ')).toString(16);
    // One cache per Node and flags: processes run with other flags keep theirs.
    const prefix = `${[basename(bundle), process.version, process.arch, flags].join('-')}-`;
    return new CodeCacheFile(folder, prefix, join(folder, `${prefix}${size}-${Math.round(mtimeMs)}.v8cache`));
  }

  /** The cached data, or undefined when there is none or it does not check out. */
  read(): Buffer | undefined {
    let file: Buffer;
    try {
      file = readFileSync(this.path);
    } catch {
      return undefined;
    }
    if (file.length <= HEADER || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
    const length = file.readUInt32LE(MAGIC.length);
    const checksum = file.readUInt32LE(MAGIC.length + 4);
    const data = file.subarray(HEADER);
    return data.length === length && crc32(data) === checksum ? data : undefined;
  }

  /** Writes the cache and removes older builds' caches (same Node, same flags); never throws (a cache is optional). */
  write(data: Buffer): void {
    try {
      const header = Buffer.alloc(HEADER);
      header.write(MAGIC, 0, 'latin1');
      header.writeUInt32LE(data.length, MAGIC.length);
      header.writeUInt32LE(crc32(data), MAGIC.length + 4);
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, Buffer.concat([header, data]));
      renameSync(temporary, this.path);
      for (const name of readdirSync(this.folder)) {
        const path = join(this.folder, name);
        if (name.startsWith(this.prefix) && name.endsWith('.v8cache') && path !== this.path)
          rmSync(path, { force: true });
      }
    } catch {
      // No cache this time: the next start compiles again and tries again.
    }
  }
}
