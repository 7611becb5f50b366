import { registerAlertTimer } from '../../alertTimer/index';
import { registerHealth } from '../../health/index';
import { registerMessages } from '../../messages/index';
import { registerNotify } from '../../notify/index';

/**
 * Registers every function of the app with the Functions host: what package.json `main`
 * (dist/app/functions.js, the bundle's launcher) does when the host loads it.
 */
export function registerAllFunctions(): void {
  registerMessages();
  registerNotify();
  registerAlertTimer();
  registerHealth();
}
