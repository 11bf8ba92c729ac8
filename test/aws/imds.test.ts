import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createImdsClient, parseImdsCredentials } from '../../src/aws/imds.ts';
import { AwsctlError } from '../../src/errors.ts';
import { startFakeImds, type FakeImds } from '../fake-aws/index.ts';
import { realHttp, clientContext } from './helpers.ts';

describe('imds client against the fake IMDS', () => {
  const http = realHttp();
  const started: FakeImds[] = [];
  const start = async (options: Parameters<typeof startFakeImds>[0] = {}) => {
    const fake = await startFakeImds(options);
    started.push(fake);
    return fake;
  };
  after(async () => {
    await http.close();
    await Promise.all(started.map((f) => f.close()));
  });

  it('gets a token with the 6-hour TTL, then the role and its credentials with the token (legacy API)', async () => {
    const imds = await start({ extended: false });
    const creds = await createImdsClient(clientContext(http), { endpoint: imds.url }).fetchCredentials();
    const [put, extendedList, legacyList, fetch] = imds.requests;
    assert.equal(put?.method, 'PUT');
    assert.equal(put?.path, '/latest/api/token');
    assert.equal(put?.headers['x-aws-ec2-metadata-token-ttl-seconds'], '21600');
    assert.equal(extendedList?.path, '/latest/meta-data/iam/security-credentials-extended/');
    assert.equal(legacyList?.path, '/latest/meta-data/iam/security-credentials/');
    assert.equal(fetch?.path, '/latest/meta-data/iam/security-credentials/fake-instance-role');
    for (const r of imds.requests.slice(1)) assert.equal(r.headers['x-aws-ec2-metadata-token'], imds.issuedTokens[0]);
    assert.match(creds.accessKeyId, /^ASIAIMDS/);
    assert.ok(creds.sessionToken && creds.expiration instanceof Date);
    assert.equal(creds.accountId, undefined, 'legacy API has no account id');
    assert.equal(imds.issuedTokens.length, 1);
  });

  it('uses the extended API when present and returns the account id', async () => {
    const imds = await start({ extended: true, accountId: '444455556666' });
    const client = createImdsClient(clientContext(http), { endpoint: imds.url });
    assert.equal((await client.fetchCredentials()).accountId, '444455556666');
    await client.fetchCredentials();
    assert.equal(imds.issuedTokens.length, 1, 'the session token is reused');
    assert.ok(imds.requests.every((r) => !r.path.startsWith('/latest/meta-data/iam/security-credentials/')));
  });

  it('never falls back to IMDSv1 when the token is refused', async () => {
    const imds = await start({ tokensForbidden: true });
    const error = await createImdsClient(clientContext(http), { endpoint: imds.url })
      .fetchCredentials()
      .catch((e: unknown) => e);
    assert.ok(error instanceof AwsctlError);
    assert.match(error.message, /HTTP 403/);
    assert.equal(error.notConfigured, false);
    assert.deepEqual(
      imds.requests.map((r) => r.method),
      ['PUT'],
      'no token-less GET was attempted',
    );
  });

  it('fetches a new token once after a 401', async () => {
    const imds = await start({ extended: true });
    const client = createImdsClient(clientContext(http), { endpoint: imds.url });
    await client.fetchCredentials();
    imds.revokeTokens();
    await client.fetchCredentials();
    assert.equal(imds.issuedTokens.length, 2);
  });

  it('reads the region', async () => {
    const imds = await start({ region: 'eu-west-3' });
    assert.equal(await createImdsClient(clientContext(http), { endpoint: imds.url }).fetchRegion(), 'eu-west-3');
  });

  it('retries a busy (503) answer even with one configured attempt', async () => {
    const imds = await start({ extended: true });
    imds.script({ kind: 'reply', status: 503 }, { kind: 'reply', status: 503 });
    const ctx = clientContext(http);
    await createImdsClient(ctx, { endpoint: imds.url }).fetchCredentials();
    assert.equal(ctx.sleeps.length, 2);
  });

  it('says "not configured" quickly when nothing listens (not on EC2)', async () => {
    const socket = createServer();
    await new Promise<void>((resolve) => socket.listen(0, '127.0.0.1', resolve));
    const port = (socket.address() as { port: number }).port;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const error = await createImdsClient(clientContext(http), { endpoint: `http://127.0.0.1:${port}` })
      .fetchCredentials()
      .catch((e: unknown) => e);
    assert.ok(error instanceof AwsctlError);
    assert.equal(error.notConfigured, true);
    assert.match(error.message, /no instance metadata service .*ECONNREFUSED/);
  });

  it('times out a silent IMDS at the per-call deadline', async () => {
    const imds = await start();
    imds.script({ kind: 'hang' });
    const error = await createImdsClient(clientContext(http), { endpoint: imds.url, timeoutMs: 200 })
      .fetchCredentials()
      .catch((e: unknown) => e);
    assert.ok(error instanceof AwsctlError && error.notConfigured);
    assert.match(error.message, /timed out after 200 ms/);
  });

  it('reports an instance without a role as not configured', async () => {
    const imds = await start({ roleName: null, extended: true });
    const error = await createImdsClient(clientContext(http), { endpoint: imds.url })
      .fetchCredentials()
      .catch((e: unknown) => e);
    assert.ok(error instanceof AwsctlError);
    assert.match(error.message, /no IAM role/);
    assert.equal(error.notConfigured, true);
  });
});

describe('imds credential document', () => {
  it('rejects a non-Success code and malformed JSON', () => {
    assert.throws(() => parseImdsCredentials('{"Code":"AssumeRoleUnauthorizedAccess"}'), /Code: AssumeRoleUnauthorizedAccess/);
    assert.throws(() => parseImdsCredentials('<html>'), /malformed response: not JSON/);
    assert.throws(() => parseImdsCredentials('{"Code":"Success","AccessKeyId":"A"}'), /SecretAccessKey/);
  });
});
