import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces name TypeScript lines for frames in the bundle: each `file:line:column` of `bundle`
 * is replaced by the source position its source map (`mapFile`) gives. The map is read the first
 * time a stack that needs it is formatted, not at start-up: Node's own `--enable-source-maps`
 * parses it when the bundle loads, which costs more than the rest of the start-up (the app's map
 * is megabytes). Without a readable map the frames stay as they are.
 */
export function mapStackTraces(bundle: string, mapFile: string): void {
  let map: SourceMap | null | undefined;
  const sourceMap = (): SourceMap | null => {
    if (map === undefined) {
      try {
        map = new SourceMap(
          JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
        );
      } catch {
        map = null;
      }
    }
    return map;
  };
  const describe = (frame: NodeJS.CallSite): string => {
    // V8's own text for the frame (its typings leave out toString).
    const text = (frame as NodeJS.CallSite & { toString(): string }).toString();
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    if (frame.getFileName() !== bundle || line === null || column === null) return text;
    const entry = sourceMap()?.findEntry(line - 1, column - 1);
    if (!entry || !('originalSource' in entry)) return text;
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(mapFile), entry.originalSource);
    const original = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    return text.replace(`${bundle}:${line}:${column}`, original);
  };
  Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): string =>
    [header(error), ...frames.map((frame) => `    at ${describe(frame)}`)].join('\n');
}

/** The first line of a stack, as V8 writes it. */
function header(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}
