import type { LocalRoute } from './LocalRoute';

/**
 * Whether a path that no route serves lies under a keyed route's prefix (`/api/notify/...`,
 * `/admin/...`, `/runtime/...`: a route's first segment, or its first two under `/api`), compared
 * case-insensitively as routes are: such a path needs the key before it is told 404 or 405.
 */
export function underKeyedPrefix(routes: readonly LocalRoute[], segments: readonly string[]): boolean {
  return routes.some((route) => {
    if (!route.keyed) return false;
    const prefix = route.template.slice(0, route.template[0] === 'api' ? 2 : 1);
    return prefix.every((part, i) => part.toLowerCase() === segments[i]?.toLowerCase());
  });
}
