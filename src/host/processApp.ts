import { createApp } from '../app/createApp';
import type { AppServices } from '../app/createApp';
import { loadSettings } from '../settings/loadSettings';

let services: AppServices | undefined;

/**
 * The app of this worker process, for the function registration files only (`*\/index.ts`), which
 * the Functions host loads once per worker. Everything else gets its services handed in.
 */
export function processApp(): AppServices {
  services ??= createApp(loadSettings());
  return services;
}
