import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import type { StorageSetting } from './StorageSetting';

type IdentitySetting = Extract<StorageSetting, { kind: 'identity' }>;

/** One credential per kind and client id for the process, so that its token cache is shared. */
const credentials = new Map<string, TokenCredential>();

/**
 * The token credential of identity-based storage, as the Functions host picks it: `managedidentity`
 * is ManagedIdentityCredential (the user-assigned identity `clientId`, else the system-assigned one);
 * anything else is DefaultAzureCredential (environment, workload identity, managed identity, Azure
 * CLI, ... for local development). Tokens are fetched on the first storage request, not here.
 */
export function storageCredential({ credential, clientId }: IdentitySetting): TokenCredential {
  const key = `${credential}/${clientId ?? ''}`;
  let found = credentials.get(key);
  if (!found) {
    if (credential === 'managedidentity') {
      found = clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
    } else {
      found = new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
    }
    credentials.set(key, found);
  }
  return found;
}
