import { BlobServiceClient, newPipeline, StorageRetryPolicyType } from '@azure/storage-blob';
import type { StoragePipelineOptions } from '@azure/storage-blob';
import { StorageEndpointCheck } from './StorageEndpointCheck';
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
  // The connection string's URL and credential (key, SAS or development storage), as the SDK parses it.
  const { url, credential } =
    setting.kind === 'connectionString'
      ? BlobServiceClient.fromConnectionString(setting.connectionString, options)
      : { url: setting.blobServiceUri, credential: storageCredential(setting) };
  const pipeline = newPipeline(credential, options);
  pipeline.factories.push(new StorageEndpointCheck(endpointOf(url)));
  return new BlobServiceClient(url, pipeline);
}

/** The URL without its query (a SAS there is a secret): what error lines name. */
function endpointOf(url: string): string {
  return url.split('?')[0] ?? url;
}
