import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fetchContainerCredentials, readAuthorizationToken } from '../../src/aws/container.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import type { FileSystem } from '../../src/io/context.ts';
import { startFakeContainer, type FakeContainer } from '../fake-aws/index.ts';
import { realHttp, clientContext } from './helpers.ts';

function memoryFs(files: Record<string, string>): Pick<FileSystem, 'readFile'> & { reads: number } {
  const fs = {
    reads: 0,
    readFile(path: string) {
      fs.reads++;
      return files[path] === undefined ? undefined : Buffer.from(files[path]!);
    },
  };
  return fs;
}

describe('container credentials against the fake endpoint', () => {
  let fake: FakeContainer;
  const http = realHttp();
  before(async () => {
    fake = await startFakeContainer({ expectedAuthorization: 'tok-1', accountId: '777788889999' });
  });
  after(async () => {
    await http.close();
    await fake.close();
  });
  const ctxWith = (files: Record<string, string> = {}) => {
    const fs = memoryFs(files);
    return { ctx: { ...clientContext(http), fs: fs as unknown as FileSystem }, fs };
  };

  it('sends the token from the environment and parses the JSON with AccountId', async () => {
    const { ctx } = ctxWith();
    const creds = await fetchContainerCredentials(ctx, { uri: `${fake.url}/v1/credentials`, authToken: 'tok-1' });
    assert.equal(fake.requests.at(-1)?.headers.authorization, 'tok-1');
    assert.match(creds.accessKeyId, /^ASIACONT/);
    assert.equal(creds.accountId, '777788889999');
    assert.ok(creds.expiration instanceof Date);
  });

  it('prefers the token file, drops its trailing newline and re-reads it on every call', async () => {
    const files = { '/var/run/token': 'tok-1\n' };
    const { ctx, fs } = ctxWith(files);
    await fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authToken: 'ignored', authTokenFile: '/var/run/token' });
    files['/var/run/token'] = 'tok-2';
    fake.expectedAuthorization = 'tok-2';
    try {
      await fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authTokenFile: '/var/run/token' });
    } finally {
      fake.expectedAuthorization = 'tok-1';
    }
    assert.equal(fake.requests.at(-1)?.headers.authorization, 'tok-2');
    assert.equal(fs.reads, 2);
  });

  it('fails clearly when the token file is missing, without calling the endpoint', async () => {
    const { ctx } = ctxWith();
    const before = fake.requests.length;
    await assert.rejects(fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authTokenFile: '/nope' }), /token file \/nope does not exist/);
    assert.equal(fake.requests.length, before);
  });

  it("surfaces a 401 with the endpoint's code, without retrying it", async () => {
    const { ctx } = ctxWith();
    const error = await fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authToken: 'bad-token-value' }).catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.code, 'AccessDenied');
    assert.equal(error.status, 401);
    assert.equal(ctx.sleeps.length, 0);
    assert.doesNotMatch(error.message, /bad-token-value/);
  });

  it('retries a 500 and reports malformed JSON clearly', async () => {
    const { ctx } = ctxWith();
    fake.script({ kind: 'reply', status: 500, body: '{}' });
    await fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authToken: 'tok-1' });
    assert.equal(ctx.sleeps.length, 1);
    fake.script({ kind: 'reply', status: 200, body: '{"AccessKeyId":' });
    await assert.rejects(
      fetchContainerCredentials(ctx, { uri: `${fake.url}/c`, authToken: 'tok-1' }),
      /container:GetCredentials failed: malformed response: not JSON/,
    );
  });
});

describe('container authorization token', () => {
  it('refuses a token with an embedded line break (header injection)', () => {
    const fs = memoryFs({ '/t': 'abc\r\nX-Evil: 1\n' });
    assert.throws(() => readAuthorizationToken({ fs: fs as unknown as FileSystem }, { uri: 'http://x', authTokenFile: '/t' }), /line break/);
    assert.throws(() => readAuthorizationToken({ fs: fs as unknown as FileSystem }, { uri: 'http://x', authToken: 'a\nb' }), /line break/);
  });
});
