import type { ContainerClient } from '@azure/storage-blob';

/** Whether storage answered a health probe, and when it did not, why (for the log, never the caller). */
export type StorageProbe = { ok: true } | { ok: false; reason: string };

/** How long a health probe waits for storage. */
export const HEALTH_TIMEOUT_MS = 5_000;

/**
 * Asks storage the cheapest question there is: the properties of one container (the bot-state one),
 * one request, no retry, at most HEALTH_TIMEOUT_MS. Any answer about the container (it exists, or
 * 404: not created yet) means storage answers; no answer, a server error, or a refused sign-in
 * (401/403: the app could not use it) means it does not.
 */
export class StorageHealth {
  constructor(
    private readonly container: ContainerClient,
    private readonly timeoutMs = HEALTH_TIMEOUT_MS,
  ) {}

  async probe(): Promise<StorageProbe> {
    const where = this.container.url;
    try {
      await this.container.getProperties({ abortSignal: AbortSignal.timeout(this.timeoutMs) });
      return { ok: true };
    } catch (err) {
      const status = (err as { statusCode?: unknown }).statusCode;
      if (status === 404) return { ok: true };
      const name = err instanceof Error ? err.name : 'Error';
      if (name === 'AbortError') {
        return { ok: false, reason: `${where} did not answer within ${this.timeoutMs / 1000} s` };
      }
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return {
        ok: false,
        reason: `${where} ${typeof status === 'number' ? `answered ${status}` : 'failed'}: ${message}`,
      };
    }
  }
}
