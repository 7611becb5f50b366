/** Loopback hosts after WHATWG normalisation: `localhost`, 127.0.0.0/8, `[::1]` (and `[::ffff:127.x.y.z]`). */
function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) ||
    hostname === '[::1]' ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(hostname)
  );
}

/**
 * Which channel service URLs the bot may send to. With an app id, any: the channel's token was
 * validated and the service URL comes with it (botbuilder's rule). Without one (anonymous: Emulator,
 * Playground, local tests) nobody vouches for an activity's `serviceUrl`, so only the configured
 * origins (`BOT_ALLOWED_SERVICE_URLS`), or loopback ones when none are configured, are trusted.
 *
 * A URL is judged on the origin WHATWG URL parsing gives it, the same parsing the HTTP clients use
 * to connect: `http://2130706433/` is 127.0.0.1, `http://3232235777/` is 192.168.1.1,
 * `http://127.0.0.1@evil.example/` is evil.example. A URL with a user part is refused outright.
 */
export class ServiceUrlPolicy {
  /** No check (an app id is set: the token vouches for the service URL). */
  static readonly anyOrigin = new ServiceUrlPolicy(false, []);

  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly anonymous: boolean,
    allowedOrigins: readonly string[],
  ) {
    this.allowed = new Set(allowedOrigins);
  }

  static fromSettings(settings: {
    microsoftAppId: string;
    botAllowedServiceUrls: string[];
  }): ServiceUrlPolicy {
    return new ServiceUrlPolicy(!settings.microsoftAppId, settings.botAllowedServiceUrls);
  }

  allows(serviceUrl: string): boolean {
    if (!this.anonymous) return true;
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (url.username || url.password) return false;
    return this.allowed.size ? this.allowed.has(url.origin) : isLoopback(url.hostname);
  }
}
