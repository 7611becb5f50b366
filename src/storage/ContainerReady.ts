import type { ContainerClient } from '@azure/storage-blob';

/**
 * Creates a container once, on first use. Unlike a plain memoized promise, a failure is not kept:
 * the next call tries again, so the app recovers when storage comes back without a restart.
 */
export class ContainerReady {
  private done: Promise<void> | undefined;

  constructor(readonly container: ContainerClient) {}

  ensure(): Promise<void> {
    this.done ??= this.container.createIfNotExists().then(
      () => undefined,
      (err: unknown) => {
        this.done = undefined;
        throw err;
      },
    );
    return this.done;
  }
}
