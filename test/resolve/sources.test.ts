// The base sources other than keys: web identity, SSO (cached token, refresh, expiry),
// credential_process, container endpoint, IMDS, credential_source, and the default chain's
// fall-through at run time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveCredentials } from '../../src/resolve/resolve.ts';
import { CACHE_KEYS } from '../helpers/cache-files.ts';
import { SSO_CONFIG, START_URL } from '../helpers/fixtures.ts';
import { FAKE_CONTAINER_TOKEN } from '../fake-aws/index.ts';
import { writeFiles } from '../helpers/cli.ts';
import { rig } from './setup.ts';

test('web identity reads the token file at call time and caches under the web-identity key', async () => {
  const r = await rig('');
  try {
    writeFiles(r.home, {
      token: 'jwt-one\n',
      '.aws/config': `[profile wi]\nrole_arn = arn:aws:iam::111122223333:role/Web\nweb_identity_token_file = ${join(r.home, 'token')}\n`,
    });
    const resolved = await resolveCredentials(r.ctx(), { profileFlag: 'wi' });
    const call = r.aws.sts.calls[0]!;
    assert.equal(call.action, 'AssumeRoleWithWebIdentity');
    assert.equal(call.params.WebIdentityToken, 'jwt-one');
    assert.equal(call.signedWith, undefined, 'the call is not signed');
    assert.equal(resolved.provider, 'web-identity');
    assert.deepEqual(r.cacheFiles(), [`${CACHE_KEYS.webIdentityWeb}.json`]);
  } finally {
    await r.close();
  }
});

test('web identity from the environment, and a missing token file is a clear error', async () => {
  const r = await rig('');
  try {
    writeFiles(r.home, { token: 'jwt-env' });
    const env = { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/Env', AWS_WEB_IDENTITY_TOKEN_FILE: join(r.home, 'token'), AWS_ROLE_SESSION_NAME: 'ci' };
    await resolveCredentials(r.ctx({ env }), {});
    assert.equal(r.aws.sts.calls[0]?.params.RoleSessionName, 'ci');
    const missing = { ...env, AWS_WEB_IDENTITY_TOKEN_FILE: join(r.home, 'nope'), AWS_ROLE_SESSION_NAME: 'other' };
    await assert.rejects(resolveCredentials(r.ctx({ env: missing }), {}), /token file .*nope does not exist/);
  } finally {
    await r.close();
  }
});

function ssoToken(r: { home: string; clock: { now: Date } }, minutesLeft: number, extra: Record<string, string> = {}): void {
  const expiresAt = new Date(r.clock.now.getTime() + minutesLeft * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  writeFiles(r.home, {
    [`.aws/sso/cache/${CACHE_KEYS.ssoTokenCorp}.json`]: JSON.stringify({
      startUrl: START_URL,
      region: 'eu-west-1',
      accessToken: 'sso-access-1',
      expiresAt,
      ...extra,
    }),
  });
}

test('sso: role credentials from the cached token, cached under the AWS CLI SSO key', async () => {
  const r = await rig(SSO_CONFIG);
  try {
    r.aws.ssoPortal.accessTokens.add('sso-access-1');
    ssoToken(r, 60);
    const env = { AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url };
    const resolved = await resolveCredentials(r.ctx({ env }), { profileFlag: 'dev' });
    assert.equal(resolved.provider, 'sso');
    assert.equal(resolved.credentials.accountId, '111111111111');
    assert.equal(resolved.region, 'eu-central-1');
    const key = CACHE_KEYS.ssoRoleReadOnlyCorp;
    assert.deepEqual(r.cacheFiles(), [`${key}.json`]);
    assert.equal((r.readCache(`${key}.json`) as { ProviderType: string }).ProviderType, 'sso');
    const portalCalls = r.aws.ssoPortal.requests.length;
    await resolveCredentials(r.ctx({ env }), { profileFlag: 'dev' });
    assert.equal(r.aws.ssoPortal.requests.length, portalCalls, 'second run served from the cache');
  } finally {
    await r.close();
  }
});

test('sso: an expired token with no refresh token says to run awsctl login --profile', async () => {
  const r = await rig(SSO_CONFIG);
  try {
    ssoToken(r, -5);
    await assert.rejects(
      resolveCredentials(r.ctx({ env: { AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url } }), { profileFlag: 'dev' }),
      /SSO session corp: the cached token expired .* — run `awsctl login --profile dev`/,
    );
    assert.equal(r.aws.ssoPortal.requests.length, 0);
  } finally {
    await r.close();
  }
});

test('sso: an expiring token is refreshed with its refresh token (no browser)', async () => {
  const r = await rig(SSO_CONFIG);
  try {
    r.aws.ssoOidc.clients.set('client-1', { secret: 'client-secret-1', redirectUris: [], grantTypes: ['refresh_token'] });
    r.aws.ssoOidc.refreshTokens.add('refresh-1');
    const registrationExpiresAt = new Date(r.clock.now.getTime() + 86400_000).toISOString();
    ssoToken(r, 5, { refreshToken: 'refresh-1', clientId: 'client-1', clientSecret: 'client-secret-1', registrationExpiresAt });
    const env = { AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url, AWS_ENDPOINT_URL_SSO_OIDC: r.aws.ssoOidc.url };
    const resolved = await resolveCredentials(r.ctx({ env }), { profileFlag: 'dev' });
    assert.equal(resolved.provider, 'sso');
    assert.ok(r.aws.ssoOidc.requests.some((q) => q.path === '/token' && q.body.includes('refresh_token')));
  } finally {
    await r.close();
  }
});

test('credential_process runs the helper without a shell', async () => {
  const r = await rig('');
  try {
    const helper = join(r.home, 'helper.mjs');
    writeFiles(r.home, { 'helper.mjs': 'process.stdout.write(JSON.stringify({Version:1,AccessKeyId:"AKIAPROC",SecretAccessKey:"proc-secret"}))' });
    writeFiles(r.home, { '.aws/config': `[profile p]\ncredential_process = "${process.execPath}" "${helper}"\n` });
    const resolved = await resolveCredentials(r.ctx(), { profileFlag: 'p' });
    assert.equal(resolved.credentials.accessKeyId, 'AKIAPROC');
    assert.equal(resolved.provider, 'credential_process');
  } finally {
    await r.close();
  }
});

test('container endpoint: FULL_URI with a token; a host name must resolve to loopback', async () => {
  const r = await rig('');
  try {
    const port = new URL(r.aws.container.url).port;
    const env = {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://task.local:${port}/creds`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: FAKE_CONTAINER_TOKEN,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    await assert.rejects(resolveCredentials(r.ctx({ env }), {}), /could not resolve task\.local/);
    const bad = r.ctx({ env });
    bad.dns['task.local'] = ['10.0.0.5'];
    await assert.rejects(resolveCredentials(bad, {}), /not a loopback address/);
    // A loopback IP literal needs no lookup.
    const direct = r.ctx({ env: { ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${r.aws.container.url}/creds` } });
    const resolved = await resolveCredentials(direct, {});
    assert.match(resolved.credentials.accessKeyId, /^ASIACONT/);
    assert.equal(resolved.provider, 'container');
    assert.equal(r.aws.container.requests.at(-1)?.headers.authorization, FAKE_CONTAINER_TOKEN);
  } finally {
    await r.close();
  }
});

test('imds: credentials via AWS_EC2_METADATA_SERVICE_ENDPOINT; a dead IMDS ends the chain with a clear error', async () => {
  const r = await rig('');
  try {
    const resolved = await resolveCredentials(r.ctx({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: r.aws.imds.url } }), {});
    assert.equal(resolved.provider, 'imds');
    assert.match(resolved.credentials.accessKeyId, /^ASIAIMDS/);
    await assert.rejects(
      resolveCredentials(r.ctx({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' } }), {}),
      /none found; tried .*instance metadata/,
    );
  } finally {
    await r.close();
  }
});

test('credential_source = Ec2InstanceMetadata: a dead IMDS stops the chain instead of falling through', async () => {
  const r = await rig('[profile cs]\nrole_arn = arn:aws:iam::111122223333:role/X\ncredential_source = Ec2InstanceMetadata\n');
  try {
    await assert.rejects(
      resolveCredentials(r.ctx({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' } }), { profileFlag: 'cs' }),
      /profile cs: instance metadata: no instance metadata service/,
    );
    const ok = await resolveCredentials(r.ctx({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: r.aws.imds.url } }), { profileFlag: 'cs' });
    assert.equal(ok.provider, 'assume-role via credential_source Ec2InstanceMetadata');
    assert.match(r.aws.sts.calls[0]?.signedWith ?? '', /^ASIAIMDS/);
  } finally {
    await r.close();
  }
});

test('no default profile falls through to the container provider', async () => {
  const r = await rig('[profile other]\nregion = us-east-1\n');
  try {
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${r.aws.container.url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: FAKE_CONTAINER_TOKEN };
    const resolved = await resolveCredentials(r.ctx({ env }), {});
    assert.equal(resolved.plan.step, 'container');
  } finally {
    await r.close();
  }
});

test('credential_source = Environment and = EcsContainer sign the role hop with those credentials', async () => {
  const r = await rig(
    '[profile fromenv]\nrole_arn = arn:aws:iam::111122223333:role/E\ncredential_source = Environment\n[profile fromecs]\nrole_arn = arn:aws:iam::111122223333:role/C\ncredential_source = EcsContainer\n',
  );
  try {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENVSOURCE0000001', AWS_SECRET_ACCESS_KEY: 'env-source-secret' };
    r.aws.sts.addKey(env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY);
    const viaEnv = await resolveCredentials(r.ctx({ env }), { profileFlag: 'fromenv' });
    assert.equal(viaEnv.provider, 'assume-role via credential_source Environment');
    assert.equal(r.aws.sts.calls[0]?.signedWith, env.AWS_ACCESS_KEY_ID);
    assert.equal(r.aws.sts.calls[0]?.signatureValid, true);
    const ecsEnv = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${r.aws.container.url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: FAKE_CONTAINER_TOKEN };
    const viaEcs = await resolveCredentials(r.ctx({ env: ecsEnv }), { profileFlag: 'fromecs' });
    assert.equal(viaEcs.provider, 'assume-role via credential_source EcsContainer');
    assert.match(r.aws.sts.calls[1]?.signedWith ?? '', /^ASIACONT/);
  } finally {
    await r.close();
  }
});
