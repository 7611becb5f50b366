import { jsonContainers, jsonPath } from './jsonContainers';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of a key anywhere in a parsed JSON value that could pollute prototypes if some code
 * merged it into an object (`__proto__`, `constructor`, `prototype`); undefined when there is none.
 * Walks without recursion, so any nesting is safe.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  for (const container of jsonContainers(value)) {
    for (const key of Object.keys(container.value)) {
      if (FORBIDDEN.has(key)) return [...jsonPath(container), key].join('.');
    }
  }
  return undefined;
}
