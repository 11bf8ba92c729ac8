import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsctlError } from '../../src/errors.ts';
import type { AwsCredentials } from '../../src/aws/types.ts';
import type { Context } from '../../src/io/context.ts';
import { comparableViews, credentialsView, loadE2eCase } from '../conformance/replay/e2e-case.ts';
import { runCredentialCase } from '../conformance/replay/run-case.ts';
import type { ResolveCredentials } from '../conformance/replay/run-case.ts';

// A tiny Rust-format case written here: a container endpoint serving one set of credentials.
const SECRET = 'container-secret-value';
const body = JSON.stringify({ AccessKeyId: 'AKIDCONTAINER', SecretAccessKey: SECRET, Token: 'container-session-token', Expiration: '2009-02-13T23:31:30Z' });

function writeCase(result: unknown, options: { kotlin?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'awsctl-case-'));
  writeFileSync(join(dir, 'env.json'), JSON.stringify({ HOME: '/home', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/creds' }));
  mkdirSync(join(dir, 'fs', 'home', '.aws'), { recursive: true });
  writeFileSync(join(dir, 'fs', 'home', '.aws', 'config'), '[default]\nregion = us-east-1\n');
  const traffic = options.kotlin
    ? [
        {
          request: { uri: 'http://169.254.170.2/creds', method: 'GET', headers: {} },
          response: { status: 200, headers: { 'content-type': 'application/json' }, body },
        },
      ]
    : {
        version: 'V0',
        events: [
          { connection_id: 0, action: { Request: { request: { uri: 'http://169.254.170.2/creds', method: 'GET', headers: {} } } } },
          { connection_id: 0, action: { Response: { response: { Ok: { status: 200, headers: { 'content-type': ['application/json'] } } } } } },
          { connection_id: 0, action: { Data: { data: { Utf8: body }, direction: 'Response' } } },
        ],
      };
  writeFileSync(join(dir, 'http-traffic.json'), JSON.stringify(traffic));
  writeFileSync(join(dir, 'test-case.json'), JSON.stringify({ name: 'x', docs: 'test', result }));
  return dir;
}

const expectedOk = { access_key_id: 'AKIDCONTAINER', secret_access_key: SECRET, session_token: 'container-session-token', expiry: 1234567890 };

/** A stand-in executor: fetches the container endpoint through ctx.http, like the real one would. */
function containerResolver(extra: Partial<AwsCredentials> = {}): ResolveCredentials {
  return async (ctx: Context) => {
    const config = ctx.fs.readFile('/home/.aws/config')?.toString() ?? '';
    if (!config.includes('region')) throw new Error('the virtual file system was not mounted');
    const response = await ctx.http.send({
      method: 'GET',
      url: `http://169.254.170.2${ctx.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`,
      headers: {},
      timeoutMs: 1000,
    });
    const json = JSON.parse(response.body) as Record<string, string>;
    const credentials: AwsCredentials = {
      accessKeyId: json.AccessKeyId!,
      secretAccessKey: json.SecretAccessKey!,
      sessionToken: json.Token,
      expiration: new Date(json.Expiration!),
      ...extra,
    };
    return { credentials, provider: 'container', profile: 'default' };
  };
}

test('credentials are compared exactly, absent fields included', async (t) => {
  const dir = writeCase({ Ok: expectedOk });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const c = loadE2eCase(dir, 'rust');
  assert.deepEqual(c.env, { HOME: '/home', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/creds' });
  assert.deepEqual(await runCredentialCase(c, containerResolver(), { format: 'rust', scope: 'default-chain' }), { name: c.name, status: 'pass' });
  const extra = await runCredentialCase(c, containerResolver({ accountId: '123456789012' }), { format: 'rust', scope: 'default-chain' });
  assert.equal(extra.status, 'fail');
  assert.match(extra.status === 'fail' ? extra.detail : '', /"account_id":"123456789012"/);
});

test('unused recordings fail a case even when the credentials are right', async (t) => {
  const dir = writeCase({ Ok: { access_key_id: 'AKIDSTATIC', secret_access_key: 'static-secret-key' } });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const noHttp: ResolveCredentials = async () => ({
    credentials: { accessKeyId: 'AKIDSTATIC', secretAccessKey: 'static-secret-key' },
    provider: 'static',
    profile: 'default',
  });
  const result = await runCredentialCase(loadE2eCase(dir, 'rust'), noHttp, { format: 'rust', scope: 'profile-only' });
  assert.equal(result.status, 'fail');
  assert.match(result.status === 'fail' ? result.detail : '', /only 0 of 1 recorded requests were made/);
});

test('an expected error must be an AwsctlError; its wording is not compared', async (t) => {
  const dir = writeCase({ ErrorContains: 'some Rust wording' });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const c = loadE2eCase(dir, 'rust');
  const fetchThen =
    (error: Error): ResolveCredentials =>
    async (ctx) => {
      await containerResolver()(ctx, {});
      throw error;
    };
  assert.equal(
    (await runCredentialCase(c, fetchThen(new AwsctlError('container credentials', 'refused')), { format: 'rust', scope: 'default-chain' })).status,
    'pass',
  );
  const typeError = await runCredentialCase(c, fetchThen(new TypeError('x is undefined')), { format: 'rust', scope: 'default-chain' });
  assert.match(typeError.status === 'fail' ? typeError.detail : '', /not with an AwsctlError: TypeError/);
  const succeeded = await runCredentialCase(c, containerResolver(), { format: 'rust', scope: 'default-chain' });
  assert.match(succeeded.status === 'fail' ? succeeded.detail : '', /expected a failure .* got credentials AKIDCONTAINER from container/);
});

test('a secret from the case in the error, stderr or debug output fails the case', async (t) => {
  const dir = writeCase({ ErrorContains: 'x' });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const leaky: ResolveCredentials = async (ctx) => {
    const response = await ctx.http.send({ method: 'GET', url: 'http://169.254.170.2/creds', headers: {}, timeoutMs: 1000 });
    ctx.debug(`got ${response.body}`);
    throw new AwsctlError('container credentials', `bad body ${response.body}`);
  };
  const result = await runCredentialCase(loadE2eCase(dir, 'rust'), leaky, { format: 'rust', scope: 'default-chain' });
  const detail = result.status === 'fail' ? result.detail : '';
  assert.match(detail, /appears in the error message/);
  assert.match(detail, /appears in debug output/);
  assert.ok(!detail.includes(SECRET), 'the report names the leak, not the secret');
});

test('Kotlin cases: accountId in camelCase, business_metrics ignored, expiry ignored when not expected', async (t) => {
  const { expiry: _e, ...withoutExpiry } = expectedOk;
  const dir = writeCase({ Ok: { ...withoutExpiry, accountId: '123', business_metrics: ['q'] } }, { kotlin: true });
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const c = loadE2eCase(dir, 'kotlin');
  assert.equal((await runCredentialCase(c, containerResolver({ accountId: '123' }), { format: 'kotlin', scope: 'default-chain' })).status, 'pass');
  assert.equal((await runCredentialCase(c, containerResolver(), { format: 'kotlin', scope: 'default-chain' })).status, 'fail');
  const [want, got] = comparableViews(
    { a: 1, expiry: 5 },
    credentialsView({ accessKeyId: 'A', secretAccessKey: 'S', expiration: new Date(5500) }, 'kotlin'),
    'kotlin',
  );
  assert.deepEqual([want.expiry, got.expiry], [5, 5.5], 'an expected expiry is compared, to the millisecond');
});
