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

/** Something answered at the storage endpoint, but not as Azure Storage (or Azurite) does. */
export class NotStorageError extends Error {
  readonly code = 'NotAzureStorage';
  constructor(endpoint: string, status: number) {
    super(
      `Storage at ${endpoint} answered HTTP ${status} without x-ms-request-id: that is not Azure Storage or Azurite (is something else listening on that port?)`,
    );
    this.name = 'NotStorageError';
  }
}

/** The identity gave no token for storage (identity-based settings). */
export class StorageTokenError extends Error {
  readonly code = 'StorageTokenUnavailable';
  constructor(endpoint: string, cause: Error) {
    super(`Storage at ${endpoint}: no token from the identity (${cause.message.split('\n')[0]})`, { cause });
    this.name = 'StorageTokenError';
  }
}
