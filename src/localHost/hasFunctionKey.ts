import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * As Azure checks function keys: the `x-functions-key` header, else the `code` query parameter,
 * read from the raw request before its body. An empty header counts as absent (so a right `code`
 * beside it passes); a non-empty wrong header fails even beside a right `code`.
 */
export function hasFunctionKey(headers: IncomingHttpHeaders, query: URLSearchParams, key: string): boolean {
  const header = headers['x-functions-key'];
  const fromHeader = Array.isArray(header) ? header.join(', ') : header;
  const given = fromHeader || query.get('code') || '';
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
