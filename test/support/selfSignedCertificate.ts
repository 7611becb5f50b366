import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface CertificateFiles {
  /** PEM certificate for 127.0.0.1 and localhost (also what NODE_EXTRA_CA_CERTS trusts). */
  cert: string;
  /** PEM private key, unencrypted. */
  key: string;
}

/** A self-signed certificate for loopback HTTPS, made with openssl in the folder (valid one day). */
export function selfSignedCertificate(folder: string): CertificateFiles {
  const cert = join(folder, 'cert.pem');
  const key = join(folder, 'key.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}
