import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** One Application Insights envelope as the exporter sends it (the fields the tests read). */
export interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: {
    baseType?: string;
    baseData?: {
      name?: string;
      type?: string;
      target?: string;
      resultCode?: string;
      responseCode?: string;
      success?: boolean;
      url?: string;
      properties?: Record<string, string>;
      metrics?: { name: string; value: number; count?: number }[];
    };
  };
}

/**
 * A loopback stand-in for the Application Insights ingestion endpoint: HTTPS with a self-signed
 * certificate made here (openssl), `POST /v2.1/track` with a JSON array or JSON lines, gzip'd or
 * not; every envelope is kept. The app trusts the certificate through NODE_EXTRA_CA_CERTS.
 */
export class FakeIngestion {
  readonly envelopes: Envelope[] = [];
  readonly paths: string[] = [];
  private readonly folder = mkdtempSync(join(tmpdir(), 'ingestion-'));
  readonly certFile = join(this.folder, 'cert.pem');
  private server: Server | undefined;

  async start(): Promise<void> {
    const keyFile = join(this.folder, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', this.certFile].concat([
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    const server = createServer(
      { key: readFileSync(keyFile), cert: readFileSync(this.certFile) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          this.paths.push(`${req.method ?? ''} ${req.url ?? ''}`);
          let raw = Buffer.concat(chunks);
          if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
          const received = parseEnvelopes(raw.toString('utf8'));
          this.envelopes.push(...received);
          const answer = { itemsReceived: received.length, itemsAccepted: received.length, errors: [] };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
  }

  get endpoint(): string {
    return `https://127.0.0.1:${(this.server?.address() as AddressInfo).port}/`;
  }

  /** Envelopes of one kind: RequestData, RemoteDependencyData, MetricData... */
  ofType(baseType: string): Envelope[] {
    return this.envelopes.filter((e) => e.data?.baseType === baseType);
  }

  /** Resolves when `check` passes on the envelopes so far; rejects with what came after `timeoutMs`. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 25_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        const seen = this.envelopes.map(
          (e) => `${e.data?.baseType ?? e.name} ${e.data?.baseData?.name ?? ''}`,
        );
        throw new Error(`No ${what} in ${timeoutMs} ms; received:\n${[...new Set(seen)].join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    rmSync(this.folder, { recursive: true, force: true });
  }
}

function parseEnvelopes(text: string): Envelope[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Envelope[];
  return trimmed
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
}
