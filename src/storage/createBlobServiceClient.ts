import { BlobServiceClient, StorageRetryPolicyType } from '@azure/storage-blob';
import type { StoragePipelineOptions } from '@azure/storage-blob';

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

export function createBlobServiceClient(connectionString: string): BlobServiceClient {
  return BlobServiceClient.fromConnectionString(connectionString, storagePipelineOptions);
}
