import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One token request as the endpoint saw it. */
export interface TokenRequest {
  apiVersion: string | null;
  resource: string | null;
  clientId: string | null;
  /** Whether X-IDENTITY-HEADER carried the secret. */
  headerOk: boolean;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A loopback token endpoint speaking the App Service managed identity protocol (what
 * `IDENTITY_ENDPOINT` / `IDENTITY_HEADER` point `@azure/identity` at): `GET ?api-version=2019-08-01
 * &resource=...&client_id=...` with header `X-IDENTITY-HEADER`, answered with an unsigned JWT whose
 * issuer, audience and lifetime are what Azurite's `--oauth basic` checks.
 */
export class ManagedIdentityEndpoint {
  readonly requests: TokenRequest[] = [];
  readonly tokens: string[] = [];
  readonly secret = `identity-header-${process.pid}`;
  port = 0;
  private readonly server: Server;

  private constructor(private readonly tenant: string) {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/msi/token`;
  }

  static async start(tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47'): Promise<ManagedIdentityEndpoint> {
    const endpoint = new ManagedIdentityEndpoint(tenant);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    endpoint.port = (endpoint.server.address() as AddressInfo).port;
    return endpoint;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: TokenRequest = {
      apiVersion: url.searchParams.get('api-version'),
      resource: url.searchParams.get('resource'),
      clientId: url.searchParams.get('client_id'),
      headerOk: req.headers['x-identity-header'] === this.secret,
    };
    this.requests.push(request);
    if (!request.headerOk || !request.resource) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_request' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const expires = now + 3600;
    const audience = request.resource.replace(/\/(\.default)?$/, '');
    const claims = {
      iss: `https://sts.windows.net/${this.tenant}/`,
      aud: audience,
      iat: now,
      nbf: now - 60,
      exp: expires,
    };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    this.tokens.push(token);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        access_token: token,
        expires_on: String(expires),
        resource: request.resource,
        token_type: 'Bearer',
        client_id: request.clientId ?? undefined,
      }),
    );
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
