import { createApp } from '../app/createApp';
import type { AppOptions, AppServices } from '../app/createApp';
import { createDurableFunctions, createFunctions } from '../app/createFunctions';
import type { Settings } from '../settings/Settings';
import { containerNames } from '../storage/containerNames';
import { createBlobServiceClient } from '../storage/createBlobServiceClient';
import { DurableInstanceStore } from './durable/DurableInstanceStore';
import { LocalAlertFanOut } from './durable/LocalAlertFanOut';
import { LocalBroadcastStarter } from './durable/LocalBroadcastStarter';
import { LocalDurableRuntime } from './durable/LocalDurableRuntime';
import { LocalHost } from './LocalHost';

export interface LocalApp {
  services: AppServices;
  runtime: LocalDurableRuntime;
  host: LocalHost;
  alertFanOut: LocalAlertFanOut;
}

/**
 * The app on the local host: the same services and function definitions as under the Functions host,
 * with the in-process Durable runtime (its task hub in AzureWebJobsStorage, as the extension's).
 */
export function createLocalApp(settings: Settings, options: AppOptions = {}): LocalApp {
  const services = createApp(settings, options);
  const taskHub = createBlobServiceClient(settings.azureWebJobsStorage).getContainerClient(
    containerNames.localDurable,
  );
  const runtime = new LocalDurableRuntime(
    createDurableFunctions(services),
    new DurableInstanceStore(taskHub),
  );
  const alertFanOut = new LocalAlertFanOut(runtime);
  // The status URI's base is where the host listens, not the caller's Host header.
  const starterFor = () => new LocalBroadcastStarter(runtime, host.origin, settings.notifyKey);
  const functions = createFunctions(
    services,
    starterFor,
    () => alertFanOut,
    () => runtime,
  );
  const host: LocalHost = new LocalHost(functions, { functionKey: settings.notifyKey, durable: runtime });
  return { services, runtime, host, alertFanOut };
}
