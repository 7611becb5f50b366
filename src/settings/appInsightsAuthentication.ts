import { SettingsError } from '../errors';

/** How telemetry authenticates to Application Insights: its key alone, or Entra ID (a managed identity). */
export type AppInsightsAuthentication = { kind: 'key' } | { kind: 'entra'; clientId?: string };

const NAME = 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING';

/**
 * Reads APPLICATIONINSIGHTS_AUTHENTICATION_STRING as the Functions host does:
 * `Authorization=AAD` (Entra ID, for a resource with local auth off) with an optional
 * `ClientId=<user-assigned identity>`; empty means the connection string's key alone.
 */
export function appInsightsAuthentication(value: string): AppInsightsAuthentication {
  if (!value) return { kind: 'key' };
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    if (!part.trim()) continue;
    const at = part.indexOf('=');
    if (at <= 0) throw new SettingsError(NAME, `"${part}" is not Key=Value`);
    parts.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  if (parts.get('authorization')?.toUpperCase() !== 'AAD') {
    throw new SettingsError(NAME, 'must contain Authorization=AAD (and optionally ClientId=<client id>)');
  }
  const clientId = parts.get('clientid');
  return clientId ? { kind: 'entra', clientId } : { kind: 'entra' };
}
