const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of the first key anywhere in a parsed JSON value that could pollute prototypes if some
 * code merged it into an object (`__proto__`, `constructor`, `prototype`); undefined when there is none.
 */
export function findForbiddenKey(value: unknown, path: string[] = []): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findForbiddenKey(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) return [...path, key].join('.');
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
