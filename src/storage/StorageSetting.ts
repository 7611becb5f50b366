/**
 * Where a storage account is and how to sign in to it, as the Functions host reads a connection
 * setting: a connection string (`AzureWebJobsStorage`), or identity-based settings
 * (`AzureWebJobsStorage__blobServiceUri` or `__accountName`, `__credential`, `__clientId`): no key, a
 * token from `@azure/identity`.
 */
export type StorageSetting =
  | {
      kind: 'connectionString';
      /** The setting it came from (for error lines). */
      setting: string;
      connectionString: string;
    }
  | {
      kind: 'identity';
      /** The setting prefix it came from (`AzureWebJobsStorage`, `BOT_STORAGE`). */
      setting: string;
      /** `https://<account>.blob.core.windows.net` or the `__blobServiceUri` as given. */
      blobServiceUri: string;
      /** `managedidentity` (Azure: ManagedIdentityCredential) or `default` (DefaultAzureCredential). */
      credential: 'managedidentity' | 'default';
      /** The user-assigned managed identity's client id; undefined: the system-assigned one. */
      clientId: string | undefined;
    };

/** What `AzureWebJobsStorage` means when no storage setting is given at all. */
export const DEVELOPMENT_STORAGE: StorageSetting = {
  kind: 'connectionString',
  setting: 'AzureWebJobsStorage',
  connectionString: 'UseDevelopmentStorage=true',
};
