// Throwaway self-signed certificate for 127.0.0.1/localhost (PAM360 usually runs on a self-signed
// cert, research §5). Made with the openssl CLI so the stand-in needs no npm dependency; the temp
// dir is removed as soon as the PEMs are read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeSelfSignedCert(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pam360-stand-in-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
      '-subj', '/CN=localhost/O=PAM360 stand-in',
      '-addext', 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
      '-keyout', keyPath, '-out', certPath,
    ], { stdio: 'pipe' });
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } catch (err) {
    throw new Error(`PAM360 stand-in: openssl could not make a certificate: ${String(err)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
