// A throwaway certificate authority and a server certificate for 127.0.0.1, made at test time
// with the system's openssl (Node cannot issue X.509 certificates). Nothing is downloaded.
// Returns undefined when openssl is missing, so TLS tests can skip with a reason.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  caPem: string;
  serverKeyPem: string;
  serverCertPem: string;
}

let cached: TestCertificates | undefined | null = null;

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore', timeout: 20_000 });
}

export function makeTestCertificates(): TestCertificates | undefined {
  if (cached !== null) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'awsctl-tls-'));
  try {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=awsctl test CA'], dir);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
    openssl(
      ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf'],
      dir,
    );
    cached = {
      caPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
      serverKeyPem: readFileSync(join(dir, 'server.key'), 'utf8'),
      serverCertPem: readFileSync(join(dir, 'server.pem'), 'utf8'),
    };
  } catch {
    cached = undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cached;
}
