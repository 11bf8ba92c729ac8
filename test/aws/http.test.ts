import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { checkCaBundle, createHttpClient, describeUrl, proxySettingsFromEnv } from '../../src/io/http.ts';
import { HttpTransportError } from '../../src/io/http-errors.ts';
import { AwsctlError } from '../../src/errors.ts';
import { makeTestCertificates, startFakeServer, type FakeServer } from '../fake-aws/index.ts';
import { skipUnless } from '../helpers/tools.ts';

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<HttpTransportError> {
  const error = await promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpTransportError, `expected HttpTransportError, got ${String(error)}`);
  return error;
}

describe('http client over real sockets', () => {
  let fake: FakeServer;
  const http = createHttpClient({ env: {} });
  before(async () => {
    fake = await startFakeServer((request) => ({
      status: 200,
      headers: { 'x-echo': request.headers['x-test'] ?? '' },
      body: `${request.method} ${request.path} ${request.body}`,
    }));
  });
  after(async () => {
    await http.close();
    await fake.close();
  });

  it('sends method, headers and body and returns status, lower-cased headers and text', async () => {
    const response = await http.send({ method: 'POST', url: `${fake.url}/x?a=1`, headers: { 'X-Test': 'hello' }, body: 'payload', timeoutMs: 2000 });
    assert.equal(response.status, 200);
    assert.equal(response.headers['x-echo'], 'hello');
    assert.equal(response.body, 'POST /x payload');
    assert.equal(fake.requests.at(-1)?.query.a, '1');
  });

  it('names a refused connection with host and port', async () => {
    const port = await unusedPort();
    const error = await rejection(http.send({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {}, timeoutMs: 2000 }));
    assert.equal(error.kind, 'connect');
    assert.match(error.message, new RegExp(`ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  });

  it('gives up on a server that never answers at the deadline', async () => {
    fake.script({ kind: 'hang' });
    const error = await rejection(http.send({ method: 'GET', url: `${fake.url}/hang`, headers: {}, timeoutMs: 300 }));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /timed out after 300 ms/);
  });

  it('cuts a never-ending body at the deadline (connect + headers + body)', async () => {
    fake.script({ kind: 'endless-body' });
    const error = await rejection(http.send({ method: 'GET', url: `${fake.url}/endless`, headers: {}, timeoutMs: 400 }));
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /timed out after 400 ms/);
  });

  it('refuses a redirect and names the host it pointed to, without following it', async () => {
    fake.script({ kind: 'redirect', location: 'https://evil.example.net/steal' });
    const before = fake.requests.length;
    const error = await rejection(http.send({ method: 'GET', url: `${fake.url}/r`, headers: { authorization: 'secret' }, timeoutMs: 2000 }));
    assert.equal(error.kind, 'redirect');
    assert.match(error.message, /evil\.example\.net/);
    assert.equal(fake.requests.length, before + 1, 'only the original request was made');
  });

  it('refuses a body over the size limit instead of buffering it', async () => {
    const small = createHttpClient({ env: {}, maxResponseBytes: 1024 });
    try {
      fake.script({ kind: 'huge-body', bytes: 64 * 1024 });
      const error = await rejection(small.send({ method: 'GET', url: `${fake.url}/big`, headers: {}, timeoutMs: 2000 }));
      assert.equal(error.kind, 'too-large');
      assert.match(error.message, /1024/);
    } finally {
      await small.close();
    }
  });

  it('maps a connection reset to a retryable reset error', async () => {
    fake.script({ kind: 'reset' });
    const error = await rejection(http.send({ method: 'GET', url: `${fake.url}/reset`, headers: {}, timeoutMs: 2000 }));
    assert.equal(error.kind, 'reset', error.message);
  });

  it('writes one debug line per call without query values', async () => {
    const lines: string[] = [];
    const client = createHttpClient({ env: {}, debug: (l) => lines.push(l) });
    try {
      await client.send({ method: 'GET', url: `${fake.url}/federation/credentials?role_name=Admin&account_id=111`, headers: {}, timeoutMs: 2000 });
    } finally {
      await client.close();
    }
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /GET http:\/\/127\.0\.0\.1:\d+\/federation\/credentials\?role_name=…&account_id=… → 200 in \d+ ms/);
    assert.doesNotMatch(lines[0]!, /Admin|111/);
  });
});

describe('http client TLS and CA bundle', () => {
  const certs = makeTestCertificates();
  let fake: FakeServer | undefined;
  before(async () => {
    if (certs) fake = await startFakeServer(() => ({ status: 200, body: 'secure' }), { tls: { key: certs.serverKeyPem, cert: certs.serverCertPem } });
  });
  after(async () => fake?.close());

  const skip = skipUnless(certs, 'openssl is not installed to make a test certificate (apt-get install openssl)');
  it('rejects a certificate that is not in the trust store', { skip }, async () => {
    const http = createHttpClient({ env: {} });
    try {
      const error = await rejection(http.send({ method: 'GET', url: `${fake!.url}/`, headers: {}, timeoutMs: 3000 }));
      assert.equal(error.kind, 'tls');
      assert.match(error.message, /TLS certificate not trusted/);
      assert.match(error.message, /AWS_CA_BUNDLE/);
    } finally {
      await http.close();
    }
  });

  it('trusts the server when its CA is given as the bundle', { skip }, async () => {
    const http = createHttpClient({ env: {}, caBundle: certs!.caPem });
    try {
      const response = await http.send({ method: 'GET', url: `${fake!.url}/`, headers: {}, timeoutMs: 3000 });
      assert.equal(response.body, 'secure');
    } finally {
      await http.close();
    }
  });
});

describe('http client settings', () => {
  it('reads proxy variables in either case and ignores an environment without them', () => {
    assert.equal(proxySettingsFromEnv({ NO_PROXY: 'x' }), undefined);
    assert.deepEqual(proxySettingsFromEnv({ https_proxy: 'http://p:3128', NO_PROXY: '127.0.0.1' }), {
      httpProxy: undefined,
      httpsProxy: 'http://p:3128',
      noProxy: '127.0.0.1',
    });
    assert.equal(proxySettingsFromEnv({ HTTP_PROXY: 'http://upper', http_proxy: 'http://lower' })?.httpProxy, 'http://lower');
  });

  it('refuses a CA bundle with no certificate in it', () => {
    assert.throws(() => checkCaBundle('not a pem'), AwsctlError);
    assert.throws(() => createHttpClient({ env: {}, caBundle: '' }), /no PEM certificate/);
  });

  it('describes URLs without query values', () => {
    assert.equal(describeUrl(new URL('https://h.example/p?token=abc&x=1')), 'https://h.example/p?token=…&x=…');
  });
});

describe('http client through a proxy', () => {
  it('tunnels through HTTPS_PROXY/HTTP_PROXY and bypasses it for NO_PROXY hosts', async () => {
    const fake = await startFakeServer(() => ({ status: 200, body: 'via' }));
    const tunnels: string[] = [];
    const sockets = new Set<Socket>();
    const proxy = createHttpServer();
    proxy.on('connect', (req, clientSocket: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(clientSocket).pipe(upstream);
      });
      for (const s of [clientSocket, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    const proxied = createHttpClient({ env: { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl } });
    const bypass = createHttpClient({ env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    try {
      const response = await proxied.send({ method: 'GET', url: `${fake.url}/p`, headers: {}, timeoutMs: 3000 });
      assert.equal(response.body, 'via');
      assert.deepEqual(tunnels, [new URL(fake.url).host]);
      await bypass.send({ method: 'GET', url: `${fake.url}/direct`, headers: {}, timeoutMs: 3000 });
      assert.equal(tunnels.length, 1, 'NO_PROXY host went direct');
    } finally {
      await proxied.close();
      await bypass.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await fake.close();
    }
  });
});
