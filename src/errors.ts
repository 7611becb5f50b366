/** One problem with one field of a request, as it appears in an error body's `details`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A setting is missing or malformed: start-up stops with this one line. */
export class SettingsError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Setting ${setting}: ${problem}`);
    this.name = 'SettingsError';
  }
}

/** An error that is answered with an HTTP status and the contract's JSON error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Storage could not be reached or answered with a server error; callers answer 503. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Storage is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}
