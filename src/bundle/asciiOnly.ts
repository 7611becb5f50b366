import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Rewrites the few characters outside ASCII that esbuild leaves in a bundle (in some regular
 * expression literals) as `\uXXXX` escapes, which mean the same there and in strings. An ASCII
 * file decodes to a one-byte string, several times faster than UTF-8 with a few wide characters
 * in it: for the app bundle, tens of milliseconds of every start.
 */
export function asciiOnly(file: string): void {
  const text = readFileSync(file, 'utf8');
  const escaped = text.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped !== text) writeFileSync(file, escaped);
}
