/**
 * What app code logs through. A Functions `InvocationContext` is one (the host tags its lines with
 * the invocation), and so is `console`.
 */
export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** One invocation's logger and id, handed from a trigger to the code it calls. */
export interface Invocation {
  invocationId: string;
  log: Logger;
}
