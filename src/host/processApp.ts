import { createApp } from '../app/createApp';
import type { AppServices } from '../app/createApp';
import { SettingsError } from '../errors';
import { loadSettings } from '../settings/loadSettings';

/** The services of this worker, or the one bad setting that keeps them from being built. */
export type ProcessApp = { services: AppServices } | { error: SettingsError };

let app: ProcessApp | undefined;

/**
 * The app of this worker process, for the function registration files only (`*\/index.ts`), which
 * the Functions host loads once per worker. Everything else gets its services handed in. Built
 * once; a bad setting is returned (and logged once), never thrown, so that the functions are still
 * registered and each invocation answers it (withSettingsGuard). Settings change with a restart.
 */
export function processApp(): ProcessApp {
  if (app) return app;
  try {
    app = { services: createApp(loadSettings()) };
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    console.error(`${err.message} (every invocation answers 500 InvalidSettings until it is fixed)`);
    app = { error: err };
  }
  return app;
}

/** The services of this worker; throws the SettingsError when a setting is bad. */
export function processServices(): AppServices {
  const current = processApp();
  if ('error' in current) throw current.error;
  return current.services;
}
