/**
 * An object that stands for `resolve()`'s result and calls `resolve` on each use instead of now.
 * The registration files hand these to the function definitions, so that registering needs no
 * settings: a bad setting then fails each invocation (see withSettingsGuard), not the worker's
 * indexing, which would leave no function registered at all. `resolve` caches (see processApp), so
 * each use costs a property lookup.
 */
export function lateBound<T extends object>(resolve: () => T): T {
  return new Proxy(Object.create(null) as T, {
    get(_stand, property) {
      const target = resolve();
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return method.bind(target);
    },
  });
}
