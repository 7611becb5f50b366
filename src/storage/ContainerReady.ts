import type { ContainerClient } from '@azure/storage-blob';

/**
 * Creates a container once, on first use (`ensure`), or only when an operation finds it missing
 * (`run`: no request spent on a container that exists, which it does but on an app's very first
 * write). Unlike a plain memoized promise, a failure is not kept: the next call tries again, so the
 * app recovers when storage comes back without a restart.
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

  /**
   * Runs `op`; when it fails because the container does not exist (404 ContainerNotFound), creates
   * the container and runs `op` once more. A read needs no `run`: a missing container is a missing blob.
   */
  async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (!isContainerNotFound(err)) throw err;
      this.done = undefined;
      await this.ensure();
      return op();
    }
  }
}

function isContainerNotFound(err: unknown): boolean {
  const { statusCode, code } = (typeof err === 'object' && err !== null ? err : {}) as {
    statusCode?: unknown;
    code?: unknown;
  };
  return statusCode === 404 && code === 'ContainerNotFound';
}
