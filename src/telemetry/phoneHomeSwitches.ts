/** What the telemetry sends or asks beyond the configured ingestion endpoint. */
export interface PhoneHomeSwitches {
  /** The Azure VM resource detector's request to the instance metadata service (169.254.169.254). */
  vmMetadataProbe: boolean;
  /** The exporter's usage statistics (statsbeat) to Microsoft's own Application Insights. */
  statsbeat: boolean;
}

/**
 * - The VM metadata probe: only when OTEL_NODE_RESOURCE_DETECTORS names `azure_vm` or `all`.
 * - Statsbeat: on in Azure App Service / Functions (WEBSITE_SITE_NAME is set there), where the
 *   exporter learns the resource from environment variables, unless APPLICATION_INSIGHTS_NO_STATSBEAT
 *   is set; elsewhere off, since the exporter would probe the instance metadata service to find out
 *   where it runs.
 */
export function phoneHomeSwitches(env: NodeJS.ProcessEnv): PhoneHomeSwitches {
  const detectors = (env.OTEL_NODE_RESOURCE_DETECTORS ?? '').split(',').map((d) => d.trim());
  return {
    vmMetadataProbe: detectors.includes('azure_vm') || detectors.includes('all'),
    statsbeat: Boolean(env.WEBSITE_SITE_NAME) && !env.APPLICATION_INSIGHTS_NO_STATSBEAT,
  };
}
