import { badRequest } from './badRequest';

/**
 * A URL path's segments, each percent-decoded once (so `%2F` stays inside its segment), trailing
 * slashes dropped. A malformed escape (`%zz`, a lone `%`, bytes that are not UTF-8) is 400 BadRequest.
 */
export function pathSegments(pathname: string): string[] {
  let end = pathname.length;
  while (end > 0 && pathname[end - 1] === '/') end--;
  const raw = pathname.slice(0, end).split('/').slice(1);
  return raw.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw badRequest('path', `the path segment "${segment.slice(0, 100)}" has a malformed percent-escape`);
    }
  });
}
