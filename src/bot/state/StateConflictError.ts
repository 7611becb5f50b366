/**
 * A conditional write of bot state lost a race: the item changed since it was read (If-Match failed)
 * or somebody created it first (If-None-Match failed). The caller reads again and retries.
 */
export class StateConflictError extends Error {
  constructor(
    readonly key: string,
    /** True when the item was being created (it did not exist when read), and somebody created it first. */
    readonly creating: boolean,
    cause: unknown,
  ) {
    super(`Storage: error ${creating ? 'creating' : 'writing'} "${key}" due to eTag conflict.`, { cause });
    this.name = 'StateConflictError';
  }
}
