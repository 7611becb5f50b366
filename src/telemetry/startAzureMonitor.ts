import { dirname } from 'node:path';
import { ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/identity';
import type * as AzureMonitor from '@azure/monitor-opentelemetry';
import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import type * as AzureDetectors from '@opentelemetry/resource-detector-azure';
import type { AppInsightsAuthentication } from '../settings/appInsightsAuthentication';
import { phoneHomeSwitches } from './phoneHomeSwitches';

let started: string | undefined;

/**
 * Starts the Azure Monitor OpenTelemetry distro once per process. The package is loaded here, and
 * only here: without APPLICATIONINSIGHTS_CONNECTION_STRING nothing calls this, so it never loads.
 *
 * - Request spans come from the app (withRequestSpan), one per invocation, so the HTTP
 *   instrumentation records no incoming requests of its own (the local host's would double them).
 *   Outgoing HTTP (storage) and the Azure SDK's own spans stay on.
 * - Live Metrics is off: it would open a second, long-lived connection.
 * - The Azure VM metadata probe (169.254.169.254) and statsbeat follow phoneHomeSwitches.
 * - With Entra ID authentication (the resource has local auth off, as infra/ sets it up) the exporter
 *   gets a token from the managed identity, as the Functions host does for its own logs.
 */
export function startAzureMonitor(
  connectionString: string,
  authentication: AppInsightsAuthentication = { kind: 'key' },
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (started !== undefined) {
    if (started !== connectionString) {
      console.warn('Telemetry already started with another connection string; keeping the first.');
    }
    return;
  }
  const switches = phoneHomeSwitches(env);
  if (!switches.statsbeat) env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when telemetry is on
  const distro = require('@azure/monitor-opentelemetry') as typeof AzureMonitor;
  if (!switches.vmMetadataProbe) skipVmMetadataProbe();
  const http: HttpInstrumentationConfig = { enabled: true, ignoreIncomingRequestHook: () => true };
  distro.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString, ...exporterCredential(authentication) },
    enableLiveMetrics: false,
    instrumentationOptions: { http, azureSdk: { enabled: true } },
  });
  // The Azure SDK instrumentation hooks `require('@azure/core-tracing')`; the storage clients
  // loaded it already, so require it once more for the hook to set its instrumenter now.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  require('@azure/core-tracing');
  started = connectionString;
}

/**
 * The distro runs the Azure VM resource detector whatever OTEL_NODE_RESOURCE_DETECTORS says: it
 * asks the instance metadata service (http://169.254.169.254) on start. The app runs on Functions
 * (whose detector reads environment variables) or on a laptop, never on a bare VM: the detector's
 * answer is made empty unless OTEL_NODE_RESOURCE_DETECTORS names `azure_vm` (or `all`).
 */
function skipVmMetadataProbe(): void {
  const from = dirname(require.resolve('@azure/monitor-opentelemetry'));
  const path = require.resolve('@opentelemetry/resource-detector-azure', { paths: [from] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the distro's own copy
  const detectors = require(path) as typeof AzureDetectors;
  detectors.azureVmDetector.detect = () => ({ attributes: {} });
}

/** A managed identity credential for Application Insights when Entra ID authentication is asked for. */
function exporterCredential(authentication: AppInsightsAuthentication): { credential?: TokenCredential } {
  if (authentication.kind !== 'entra') return {};
  const { clientId } = authentication;
  return { credential: new ManagedIdentityCredential(clientId ? { clientId } : {}) };
}
