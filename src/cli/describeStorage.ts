import type { Settings } from '../settings/Settings';
import type { StorageSetting } from '../storage/StorageSetting';

function describe(storage: StorageSetting): string {
  if (storage.kind === 'connectionString') {
    return /^UseDevelopmentStorage=true;?$/i.test(storage.connectionString)
      ? 'development storage (Azurite on 127.0.0.1:10000)'
      : `the ${storage.setting} connection string`;
  }
  const who =
    storage.credential === 'managedidentity'
      ? `managed identity${storage.clientId ? ` ${storage.clientId}` : ''}`
      : 'DefaultAzureCredential';
  return `${storage.blobServiceUri} with ${who} (${storage.setting}__*, no key)`;
}

/** The start-up lines that say which storage the app uses (never a key). */
export function describeStorage(settings: Settings): string[] {
  const functions = describe(settings.azureWebJobsStorage);
  const bot = describe(settings.botStorage);
  return functions === bot ? [`Storage: ${functions}`] : [`Storage: ${functions}; bot data: ${bot}`];
}
