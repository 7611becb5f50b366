import { createHash } from 'node:crypto';

/** Longest encoded segment kept readable; longer ids are replaced by their hash. */
const MAX_READABLE = 200;

/**
 * Turns any id a channel can send into one safe blob-name segment: no `/`, no `.` or `..` segment,
 * no characters a URL could re-interpret, and bounded length. Distinct ids give distinct segments:
 * readable ones are `encodeURIComponent` with `.` escaped too, and long ones become `%h` + SHA-256,
 * which no encoded id can equal (`%` is always followed by two hex digits there).
 */
export function blobSegment(id: string): string {
  const encoded = encodeURIComponent(id)
    .replace(/\./g, '%2E')
    .replace(/[!'()*~]/g, percentEncode);
  if (encoded.length <= MAX_READABLE) return encoded;
  return `%h${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}
