import { BlobServiceClient, StorageRetryPolicyType } from '@azure/storage-blob';
import type { StoragePipelineOptions } from '@azure/storage-blob';
import { storageCredential } from './storageCredential';
import type { StorageSetting } from './StorageSetting';

/**
 * Retries suited to a request path: a few quick tries, so that storage being down turns into a clear
 * error within seconds instead of the SDK default of minutes.
 */
export const storagePipelineOptions: StoragePipelineOptions = {
  retryOptions: {
    retryPolicyType: StorageRetryPolicyType.EXPONENTIAL,
    maxTries: 3,
    retryDelayInMs: 100,
    maxRetryDelayInMs: 1_000,
    tryTimeoutInMs: 10_000,
  },
};

/**
 * A blob service client for the storage setting: from the connection string (its key or SAS), or
 * with a token credential from `@azure/identity` for identity-based settings (no key).
 */
export function createBlobServiceClient(
  setting: StorageSetting,
  options: StoragePipelineOptions = storagePipelineOptions,
): BlobServiceClient {
  if (setting.kind === 'connectionString') {
    return BlobServiceClient.fromConnectionString(setting.connectionString, options);
  }
  return new BlobServiceClient(setting.blobServiceUri, storageCredential(setting), options);
}
