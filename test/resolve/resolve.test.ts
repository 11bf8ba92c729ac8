// The executor against the fake AWS servers: static and environment keys, role hops signed
// with the previous credentials, the AWS CLI cache (hit, miss, refresh window, corrupt entry,
// laziness), the default chain's fall-through, and the warnings of the profile files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveCredentials } from '../../src/resolve/resolve.ts';
import { CACHE_KEYS } from '../helpers/cache-files.ts';
import { rig } from './setup.ts';
import { BASE_KEY, BASE_PROFILE } from '../helpers/fixtures.ts';

const DEV = `${BASE_PROFILE}
[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
`;

test('a static profile gives its keys, its region and the provider name', async () => {
  const r = await rig(BASE_PROFILE);
  try {
    const ctx = r.ctx();
    const resolved = await resolveCredentials(ctx, { profileFlag: 'base' });
    assert.equal(resolved.credentials.accessKeyId, BASE_KEY.id);
    assert.equal(resolved.credentials.secretAccessKey, BASE_KEY.secret);
    assert.equal(resolved.credentials.expiration, undefined);
    assert.equal(resolved.region, 'eu-west-1');
    assert.equal(resolved.provider, 'static profile base');
    assert.equal(resolved.plan.step, 'profile');
    assert.equal(r.aws.sts.calls.length, 0);
  } finally {
    await r.close();
  }
});

test('environment keys win over AWS_PROFILE but not over --profile', async () => {
  const r = await rig(BASE_PROFILE);
  try {
    const env = { AWS_PROFILE: 'base', AWS_ACCESS_KEY_ID: 'AKIAENVKEY0000000001', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_REGION: 'us-west-2' };
    const fromEnv = await resolveCredentials(r.ctx({ env }), {});
    assert.equal(fromEnv.credentials.accessKeyId, 'AKIAENVKEY0000000001');
    assert.equal(fromEnv.provider, 'env');
    assert.equal(fromEnv.region, 'us-west-2');
    const fromFlag = await resolveCredentials(r.ctx({ env }), { profileFlag: 'base' });
    assert.equal(fromFlag.credentials.accessKeyId, BASE_KEY.id);
    const profileOnly = await resolveCredentials(r.ctx({ env }), { scope: 'profile-only' });
    assert.equal(profileOnly.credentials.accessKeyId, BASE_KEY.id, 'profile-only ignores environment keys');
  } finally {
    await r.close();
  }
});

test('an assume-role hop is signed with the source profile key and cached in the AWS CLI format', async () => {
  const r = await rig(DEV);
  try {
    const first = await resolveCredentials(r.ctx(), { profileFlag: 'dev' });
    assert.equal(r.aws.sts.calls.length, 1);
    const call = r.aws.sts.calls[0]!;
    assert.equal(call.action, 'AssumeRole');
    assert.equal(call.signedWith, BASE_KEY.id);
    assert.equal(call.signatureValid, true);
    assert.equal(call.params.RoleArn, 'arn:aws:iam::111122223333:role/Dev');
    assert.match(call.params.RoleSessionName ?? '', /^awsctl-\d+$/);
    assert.equal(first.provider, 'assume-role via profile base');
    assert.match(first.credentials.accessKeyId, /^ASIAFAKE/);
    assert.equal(first.credentials.accountId, '111122223333');
    const key = CACHE_KEYS.assumeRoleDev;
    assert.deepEqual(r.cacheFiles(), [`${key}.json`]);
    const entry = r.readCache(`${key}.json`) as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string> };
    assert.equal(entry.Credentials.AccessKeyId, first.credentials.accessKeyId);
    assert.match(entry.Credentials.Expiration ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dUTC$/);
    assert.match(entry.AssumedRoleUser.Arn ?? '', /assumed-role\/Dev\//);

    const second = await resolveCredentials(r.ctx(), { profileFlag: 'dev' });
    assert.equal(r.aws.sts.calls.length, 1, 'the second resolution is served from the cache');
    assert.equal(second.credentials.accessKeyId, first.credentials.accessKeyId);
    assert.equal(second.credentials.sessionToken, first.credentials.sessionToken);
  } finally {
    await r.close();
  }
});

test('an entry inside the refresh window is refreshed; AWSCTL_CACHE_REFRESH_WINDOW moves the window', async () => {
  const r = await rig(DEV);
  try {
    await resolveCredentials(r.ctx(), { profileFlag: 'dev' });
    r.clock.now = new Date(r.clock.now.getTime() + 50 * 60_000); // 10 minutes left of the hour
    await resolveCredentials(r.ctx({ env: { AWSCTL_CACHE_REFRESH_WINDOW: '300' } }), { profileFlag: 'dev' });
    assert.equal(r.aws.sts.calls.length, 1, 'with a 5-minute window, 10 minutes left is fresh');
    await resolveCredentials(r.ctx(), { profileFlag: 'dev' });
    assert.equal(r.aws.sts.calls.length, 2, 'with the default 15-minute window it is refreshed');
    await resolveCredentials(r.ctx(), { profileFlag: 'dev', useCache: false });
    assert.equal(r.aws.sts.calls.length, 3, 'useCache false always calls');
  } finally {
    await r.close();
  }
});

test('a corrupt cache entry is ignored and replaced', async () => {
  const r = await rig(DEV);
  try {
    const key = CACHE_KEYS.assumeRoleDev;
    const dir = join(r.home, '.aws', 'cli', 'cache');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${key}.json`), '{"Credentials": {"AccessKeyId": "trunc');
    const resolved = await resolveCredentials(r.ctx(), { profileFlag: 'dev' });
    assert.equal(r.aws.sts.calls.length, 1);
    const entry = r.readCache(`${key}.json`) as { Credentials: Record<string, string> };
    assert.equal(entry.Credentials.AccessKeyId, resolved.credentials.accessKeyId);
  } finally {
    await r.close();
  }
});

test('a chain of two hops signs hop 2 with hop 1; a cached final hop needs nothing before it', async () => {
  const config = `${DEV}
[profile prod]
role_arn = arn:aws:iam::444455556666:role/Prod
source_profile = dev
role_session_name = me
external_id = ext-1
duration_seconds = 1800
`;
  const r = await rig(config);
  try {
    const resolved = await resolveCredentials(r.ctx(), { profileFlag: 'prod' });
    const [hop1, hop2] = r.aws.sts.calls;
    assert.equal(hop1?.signedWith, BASE_KEY.id);
    assert.match(hop2?.signedWith ?? '', /^ASIAFAKE/);
    assert.equal(hop2?.signatureValid, true, 'hop 2 is signed with the secret STS issued for hop 1');
    assert.equal(hop2?.sessionToken, 'fake-session-token-1');
    assert.deepEqual([hop2?.params.RoleSessionName, hop2?.params.ExternalId, hop2?.params.DurationSeconds], ['me', 'ext-1', '1800']);
    assert.equal(resolved.provider, 'assume-role via profile dev');
    assert.equal(r.cacheFiles().length, 2);

    // Break the base: a cached final hop must not even look at it.
    writeFileSync(join(r.home, '.aws', 'config'), config.replace(`aws_secret_access_key = ${BASE_KEY.secret}`, 'credential_process = /nonexistent/helper'));
    const again = await resolveCredentials(r.ctx(), { profileFlag: 'prod' });
    assert.equal(again.credentials.accessKeyId, resolved.credentials.accessKeyId);
    assert.equal(r.aws.sts.calls.length, 2);
  } finally {
    await r.close();
  }
});

test('concurrent resolutions on a cold cache make one STS call', async () => {
  const r = await rig(DEV);
  try {
    r.aws.sts.latencyMs = 150;
    const results = await Promise.all(Array.from({ length: 5 }, () => resolveCredentials(r.ctx(), { profileFlag: 'dev' })));
    assert.equal(r.aws.sts.calls.length, 1);
    assert.equal(new Set(results.map((x) => x.credentials.accessKeyId)).size, 1);
  } finally {
    await r.close();
  }
});

test('profile file warnings are printed once per run as file:line', async () => {
  const r = await rig(`${BASE_PROFILE}\n[profile bad name]\nregion = x\n`);
  try {
    const ctx = r.ctx();
    await resolveCredentials(ctx, { profileFlag: 'base' });
    await resolveCredentials(ctx, { profileFlag: 'base' });
    const warnings = ctx.err.join('').split('\n').filter(Boolean);
    assert.ok(warnings.length >= 1, 'a warning is printed');
    assert.equal(new Set(warnings).size, warnings.length, 'each warning once');
    for (const line of warnings) assert.match(line, /^awsctl: warning: .*config:\d+: /);
  } finally {
    await r.close();
  }
});

test('--debug narration names the steps and the cache but never a secret', async () => {
  const r = await rig(DEV);
  try {
    const ctx = r.ctx();
    const resolved = await resolveCredentials(ctx, { profileFlag: 'dev' });
    await resolveCredentials(ctx, { profileFlag: 'dev' });
    const text = ctx.debugLines.join('\n');
    assert.match(text, /chain: environment skipped/);
    assert.match(text, /cache: miss for hop 1\/1/);
    assert.match(text, /cache: hit for hop 1\/1/);
    assert.match(text, /static keys in profile base/);
    for (const secret of [BASE_KEY.secret, resolved.credentials.secretAccessKey, resolved.credentials.sessionToken!]) {
      assert.ok(!text.includes(secret), `debug output leaks ${secret.slice(0, 6)}…`);
    }
  } finally {
    await r.close();
  }
});

test('the profile ca_bundle reaches the HTTP client unless AWS_CA_BUNDLE is set', async () => {
  const r = await rig(`${BASE_PROFILE}ca_bundle = ~/certs/ca.pem\n`);
  try {
    const ctx = r.ctx();
    await resolveCredentials(ctx, { profileFlag: 'base' });
    assert.deepEqual(ctx.caBundles, [join(r.home, 'certs', 'ca.pem')]);
    const withEnv = r.ctx({ env: { AWS_CA_BUNDLE: '/env/ca.pem' } });
    await resolveCredentials(withEnv, { profileFlag: 'base' });
    assert.deepEqual(withEnv.caBundles, []);
  } finally {
    await r.close();
  }
});

test('a cache folder that cannot be created does not stop the credentials', async () => {
  const r = await rig(DEV);
  try {
    writeFileSync(join(r.home, '.aws', 'cli'), 'not a folder');
    const ctx = r.ctx();
    const resolved = await resolveCredentials(ctx, { profileFlag: 'dev' });
    assert.match(resolved.credentials.accessKeyId, /^ASIAFAKE/);
    assert.equal(r.aws.sts.calls.length, 1);
    assert.ok(ctx.debugLines.some((line) => /cannot use ~\/\.aws\/cli\/cache \(ENOTDIR\)/.test(line)));
  } finally {
    await r.close();
  }
});
