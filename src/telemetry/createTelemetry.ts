import type { Settings } from '../settings/Settings';
import { noTelemetry } from './noTelemetry';
import { OpenTelemetryTelemetry } from './OpenTelemetryTelemetry';
import { startAzureMonitor } from './startAzureMonitor';
import type { Telemetry } from './Telemetry';

/**
 * The app's telemetry: with APPLICATIONINSIGHTS_CONNECTION_STRING, spans and metrics exported by the
 * Azure Monitor distro; without it, nothing is recorded and the distro is never loaded.
 */
export function createTelemetry(settings: Settings, env: NodeJS.ProcessEnv = process.env): Telemetry {
  if (!settings.applicationInsightsConnectionString) return noTelemetry;
  startAzureMonitor(
    settings.applicationInsightsConnectionString,
    settings.applicationInsightsAuthentication,
    env,
  );
  return new OpenTelemetryTelemetry();
}
