// The refresh region, with no endpoint override: awsctl goes to https://<region>.signin.aws.amazon.com
// through an HTTPS proxy (HTTPS_PROXY) that tunnels every CONNECT to the fake sign-in service, which
// serves a test certificate for *.signin.aws.amazon.com (trusted through AWS_CA_BUNDLE) and takes
// the region from the Host, refusing a session signed in elsewhere, as the real service does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { startFakeSignin, type FakeSignin } from '../fake-aws/signin.ts';
import { runCli, tempDir, tempHome } from '../helpers/cli.ts';
import { inSeconds, SESSION_ARN, sessionFileName } from './rig.ts';

function signinCertificates(): { ca: string; key: string; cert: string } | undefined {
  const dir = tempDir('awsctl-signin-tls-');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore', timeout: 20_000 });
  try {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=awsctl signin test CA');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=signin.aws.amazon.com');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:*.signin.aws.amazon.com\nbasicConstraints=CA:FALSE\n');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    return { ca: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') };
  } catch {
    return undefined;
  }
}

/** A CONNECT proxy that records each target and tunnels it to `port` on 127.0.0.1. */
async function tunnelProxy(port: number): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('data', (head) => {
      const target = /^CONNECT (\S+) HTTP/.exec(head.toString('latin1'))?.[1];
      if (!target) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      targets.push(target);
      const upstream = connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    targets,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const certificates = (() => {
  try {
    return signinCertificates();
  } catch {
    return undefined;
  }
})();

async function withService(fn: (signin: FakeSignin, proxy: Awaited<ReturnType<typeof tunnelProxy>>, ca: string) => Promise<void>): Promise<void> {
  const signin = await startFakeSignin({ region: 'unused-direct', tls: { key: certificates!.key, cert: certificates!.cert } });
  const proxy = await tunnelProxy(Number(new URL(signin.url).port));
  try {
    await fn(signin, proxy, certificates!.ca);
  } finally {
    await proxy.close();
    await signin.close();
  }
}

const config = (region: string) => `[profile console]\nlogin_session = ${SESSION_ARN}\nregion = ${region}\n`;

test('refreshes go to the region the session was signed in to', { skip: certificates ? false : 'openssl is not available' }, () =>
  withService(async (signin, proxy, ca) => {
    const home = tempHome({ '.aws/config': config('eu-west-1') });
    const env = { HTTPS_PROXY: proxy.url, AWS_CA_BUNDLE: ca, AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
    const write = (file: Record<string, unknown>) => writeFileSync(join(home, '.aws', 'login', 'cache', sessionFileName(SESSION_ARN)), JSON.stringify(file));
    execFileSync('mkdir', ['-p', join(home, '.aws', 'login', 'cache')]);
    // Recorded signInRegion wins over the profile's region and AWS_REGION.
    write({ ...signin.seedSession({ region: 'ap-southeast-2', expiresAt: inSeconds(-1) }).file, signInRegion: 'ap-southeast-2' });
    const recorded = await runCli(['process', '--profile', 'console'], { home, env });
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.deepEqual(proxy.targets, ['ap-southeast-2.signin.aws.amazon.com:443']);
    // No record (a file the AWS CLI wrote): the profile's region, not AWS_REGION.
    write(signin.seedSession({ region: 'eu-west-1', expiresAt: inSeconds(-1) }).file);
    const fromProfile = await runCli(['process', '--profile', 'console'], { home, env });
    assert.equal(fromProfile.code, 0, fromProfile.stderr);
    assert.equal(proxy.targets.at(-1), 'eu-west-1.signin.aws.amazon.com:443');
    // A session from elsewhere with nothing recorded is refused by the service, and the error says so.
    write(signin.seedSession({ region: 'sa-east-1', expiresAt: inSeconds(-1) }).file);
    const elsewhere = await runCli(['process', '--profile', 'console'], { home, env });
    assert.equal(elsewhere.code, 1);
    assert.match(
      elsewhere.stderr,
      /the sign-in service in eu-west-1 refused the refresh \(INVALID_REQUEST\) — a session refreshes only in the region it was signed in to; if that is not eu-west-1, set region in profile console to it/,
    );
    assert.deepEqual(
      signin.tokenCalls.map((c) => c.ok),
      [true, true, false],
    );
  }),
);
