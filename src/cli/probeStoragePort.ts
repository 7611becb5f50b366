import { request } from 'node:http';

/** What listens on a development storage port. */
export type StoragePortProbe =
  | { kind: 'free' }
  | { kind: 'azurite'; server: string }
  /** Something else holds the port; `answer` says what it did, for the error line. */
  | { kind: 'other'; answer: string };

/**
 * Asks what listens on 127.0.0.1:port with a blob request (`GET /devstoreaccount1?comp=list`):
 * Azurite answers it (whatever the status) with a `Server: Azurite-Blob/<version>` header.
 */
export function probeStoragePort(port: number, timeoutMs = 3_000): Promise<StoragePortProbe> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/devstoreaccount1?comp=list', timeout: timeoutMs });
    req.once('response', (res) => {
      res.resume();
      const server = String(res.headers.server ?? '');
      if (/^Azurite/i.test(server)) resolve({ kind: 'azurite', server });
      else
        resolve({
          kind: 'other',
          answer: `answered HTTP ${res.statusCode ?? '?'}${server ? ` as "${server}"` : ''}, not as Azurite`,
        });
    });
    req.once('timeout', () => {
      resolve({
        kind: 'other',
        answer: `accepted a connection but did not answer within ${timeoutMs / 1000} s`,
      });
      req.destroy();
    });
    req.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') resolve({ kind: 'free' });
      else
        resolve({ kind: 'other', answer: `closed the connection without an HTTP answer (${err.message})` });
    });
    req.end();
  });
}
