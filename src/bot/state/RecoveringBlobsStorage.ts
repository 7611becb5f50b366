import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Storage, StoreItems } from 'botbuilder';
import { storagePipelineOptions } from '../../storage/createBlobServiceClient';

/**
 * botbuilder-azure-blobs' BlobsStorage, rebuilt after a failure. BlobsStorage creates its container
 * once and keeps that promise, a rejected one included, so a single call made while storage was down
 * would fail every later call until a restart. After an error this builds a fresh instance.
 */
export class RecoveringBlobsStorage implements Storage {
  private inner: BlobsStorage;

  constructor(
    private readonly connectionString: string,
    private readonly containerName: string,
  ) {
    this.inner = this.create();
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.guard((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.guard((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.guard((storage) => storage.delete(keys));
  }

  private async guard<T>(call: (storage: BlobsStorage) => Promise<T>): Promise<T> {
    const storage = this.inner;
    try {
      return await call(storage);
    } catch (err) {
      if (this.inner === storage) this.inner = this.create();
      throw err;
    }
  }

  private create(): BlobsStorage {
    return new BlobsStorage(this.connectionString, this.containerName, {
      storagePipelineOptions,
    });
  }
}
