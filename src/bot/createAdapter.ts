import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { CloudAdapter } from 'botbuilder';
import type { Settings } from '../settings/Settings';
import { OpaqueIdCloudAdapter } from './OpaqueIdCloudAdapter';

/**
 * CloudAdapter with Bot Framework authentication from the settings (empty app id: anonymous), and the
 * credentials factory it uses, for the tokens of proactive sends. Conversation ids never go into
 * headers (see OpaqueIdCloudAdapter).
 */
export function createAdapter(settings: Settings): {
  adapter: CloudAdapter;
  credentials: ConfigurationServiceClientCredentialFactory;
} {
  const options = {
    MicrosoftAppId: settings.microsoftAppId,
    MicrosoftAppPassword: settings.microsoftAppPassword,
    MicrosoftAppType: settings.microsoftAppType,
    MicrosoftAppTenantId: settings.microsoftAppTenantId,
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  const adapter = new OpaqueIdCloudAdapter(new ConfigurationBotFrameworkAuthentication(options, credentials));
  return { adapter, credentials };
}
