import { z } from 'zod';

/** The origin of one entry, if it is nothing but an http(s) origin (a trailing `/` allowed). */
function originOf(entry: string): string | undefined {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  const plain = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  const http = url.protocol === 'http:' || url.protocol === 'https:';
  return plain && http && !entry.includes('?') && !entry.includes('#') ? url.origin : undefined;
}

/**
 * `BOT_ALLOWED_SERVICE_URLS`: a comma list of http(s) origins (`https://smba.trafficmanager.net`,
 * `http://localhost:56150`), normalised as WHATWG URL does (lower case, default port dropped, IP
 * spellings made canonical). Empty entries are skipped; an entry with a path, user, query or another
 * scheme is refused.
 */
export const serviceUrlOrigins = z.string().transform((value, ctx): string[] => {
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const origin = originOf(entry);
    if (origin) {
      origins.push(origin);
      continue;
    }
    ctx.addIssue({
      code: 'custom',
      message: `"${entry}" is not an http(s) origin (scheme://host[:port], without path, user or query)`,
    });
    return z.NEVER;
  }
  return [...new Set(origins)];
});
