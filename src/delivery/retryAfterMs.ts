/** The longest Retry-After taken as given (a day); anything longer, or malformed, is ignored. */
const LONGEST_MS = 86_400_000;

/**
 * A `Retry-After` header in ms: delay-seconds (RFC 9110: digits; a fraction is accepted) or an
 * HTTP date; undefined when absent, malformed, negative or absurdly far.
 */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else {
    const date = Date.parse(value);
    if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
    ms = Math.max(0, date - now);
  }
  return ms <= LONGEST_MS ? ms : undefined;
}
