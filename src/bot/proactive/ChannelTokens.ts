import { AppCredentials, AuthenticationConstants } from 'botframework-connector';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';

/**
 * Bearer tokens for the channel, from the same credentials factory the adapter uses. No app id
 * (Emulator, local): no token.
 */
export class ChannelTokens {
  constructor(
    private readonly appId: string,
    private readonly tenantId: string,
    private readonly credentials: ServiceClientCredentialsFactory,
  ) {}

  async get(): Promise<string | undefined> {
    if (!this.appId) return undefined;
    const tenant = this.tenantId || AuthenticationConstants.DefaultChannelAuthTenant;
    const login = `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}`;
    const scope = AuthenticationConstants.ToChannelFromBotOAuthScope;
    const credentials = await this.credentials.createCredentials(this.appId, scope, login, true);
    return credentials instanceof AppCredentials ? credentials.getToken() : undefined;
  }
}
