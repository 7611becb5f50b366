import { timingSafeEqual } from 'node:crypto';
import type { HttpRequest } from '@azure/functions';

/** As Azure checks function keys: the `x-functions-key` header or the `code` query parameter. */
export function hasFunctionKey(request: HttpRequest, key: string): boolean {
  const given = request.headers.get('x-functions-key') ?? request.query.get('code') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
