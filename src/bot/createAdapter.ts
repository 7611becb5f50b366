import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Settings } from '../settings/Settings';

/** CloudAdapter with Bot Framework authentication from the settings (empty app id: anonymous). */
export function createAdapter(settings: Settings): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.microsoftAppId,
    MicrosoftAppPassword: settings.microsoftAppPassword,
    MicrosoftAppType: settings.microsoftAppType,
    MicrosoftAppTenantId: settings.microsoftAppTenantId,
  });
  return new CloudAdapter(auth);
}
