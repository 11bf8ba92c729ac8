// The read-only configure commands through the built CLI: get (exit 1 and empty stdout when
// unset), list (sources and masked secrets), list-profiles (file order, union, quiet).
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempHome } from '../helpers/cli.ts';
import { fixtureHome, VARIANTS } from './fixtures.ts';

for (const variant of VARIANTS) {
  test(`configure get reads profiles, sub-settings, sso-sessions and services [${variant.name}]`, async () => {
    const { home } = fixtureHome(variant);
    const get = async (...args: string[]) => runCli(['configure', 'get', ...args], { home });
    assert.deepEqual(await get('region'), { code: 0, signal: null, stdout: 'us-east-1\n', stderr: '' });
    assert.equal((await get('s3.max_concurrent_requests', '--profile', 'dev')).stdout, '10\n');
    assert.equal((await get('s3', '--profile', 'dev')).stdout, 'max_concurrent_requests = 10\nmultipart_threshold = 64MB\n');
    assert.equal((await get('mfa_serial', '--profile', 'dev')).stdout, 'arn:aws:iam::123456789012:mfa/me\n', 'duplicate sections merge');
    assert.equal((await get('sso-session.corp.sso_start_url')).stdout, 'https://corp.awsapps.com/start\n');
    assert.equal((await get('services.local.sts.endpoint_url')).stdout, 'http://localhost:4566\n');
    assert.equal((await get('profile.base.region')).stdout, 'eu-west-1\n');
    assert.equal((await get('aws_access_key_id', '--profile', 'base')).stdout, 'AKIAIOSFODNN7EXAMPLE\n');
  });
}

test('configure get: unset keys, sections and profiles exit 1 with nothing on stdout', async () => {
  const { home } = fixtureHome(VARIANTS[0]!);
  for (const args of [
    ['nope'],
    ['region', '--profile', 'dev'],
    ['region', '--profile', 'missing'],
    ['sso-session.none.sso_region'],
    ['services.local.s3.endpoint_url'],
    ['s3.nope', '--profile', 'dev'],
  ]) {
    const result = await runCli(['configure', 'get', ...args], { home });
    assert.deepEqual({ code: result.code, stdout: result.stdout, stderr: result.stderr }, { code: 1, stdout: '', stderr: '' }, args.join(' '));
  }
});

test('configure get ignores the environment, as aws configure get does', async () => {
  const { home } = fixtureHome(VARIANTS[0]!);
  const result = await runCli(['configure', 'get', 'region'], { home, env: { AWS_REGION: 'env-region' } });
  assert.equal(result.stdout, 'us-east-1\n');
});

test('configure list shows each value with its source; secrets masked like the AWS CLI', async () => {
  const { home, config, credentials } = fixtureHome(VARIANTS[1]!);
  const result = await runCli(['configure', 'list', '--profile', 'base', '--json'], { home });
  assert.equal(result.code, 0);
  assert.deepEqual(JSON.parse(result.stdout), [
    { name: 'profile', value: 'base', source: 'flag', location: '--profile' },
    { name: 'access_key', value: '****************MPLE', source: 'credentials-file', location: `${credentials}:3` },
    { name: 'secret_key', value: '****************EKEY', source: 'credentials-file', location: `${credentials}:4` },
    { name: 'region', value: 'eu-west-1', source: 'config-file', location: `${config}:28` },
  ]);
  assert.doesNotMatch(result.stdout + result.stderr, /wJalrXUtnFEMI|AKIAIOSFODNN7EXA/);
});

test('configure list: env and flags win and say so; other keys in file order', async () => {
  const { home, config } = fixtureHome(VARIANTS[0]!);
  const env = {
    AWS_PROFILE: 'dev',
    AWS_ACCESS_KEY_ID: 'AKIAENVENVENVENV1234',
    AWS_SECRET_ACCESS_KEY: 'envsecretenvsecretWXYZ',
    AWS_DEFAULT_REGION: 'ca-central-1',
  };
  const result = await runCli(['configure', 'list'], { home, env });
  assert.equal(result.code, 0);
  const lines = result.stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/\s{3,}/));
  assert.deepEqual(lines, [
    ['NAME', 'VALUE', 'SOURCE', 'LOCATION'],
    ['profile', 'dev', 'env', 'AWS_PROFILE'],
    ['access_key', '****************1234', 'env', 'AWS_ACCESS_KEY_ID'],
    ['secret_key', '****************WXYZ', 'env', 'AWS_SECRET_ACCESS_KEY'],
    ['session_token', '****************', 'credentials-file', `${home}/.aws/credentials:7`],
    ['region', 'ca-central-1', 'env', 'AWS_DEFAULT_REGION'],
    ['role_arn', 'arn:aws:iam::123456789012:role/Dev', 'config-file', `${config}:9`],
    ['source_profile', 'base', 'config-file', `${config}:10`],
    ['s3.max_concurrent_requests', '10', 'config-file', `${config}:11`],
    ['s3.multipart_threshold', '64MB', 'config-file', `${config}:11`],
    ['unknown_key', 'keep me', 'config-file', `${config}:15`],
    ['mfa_serial', 'arn:aws:iam::123456789012:mfa/me', 'config-file', `${config}:17`],
  ]);
  const withRegionFlag = await runCli(['configure', 'list', '--region', 'sa-east-1', '--json'], { home, env });
  assert.deepEqual(
    JSON.parse(withRegionFlag.stdout).find((r: { name: string }) => r.name === 'region'),
    { name: 'region', value: 'sa-east-1', source: 'flag', location: '--region' },
  );
});

test('configure list with no files shows the default profile, nothing set', async () => {
  const home = tempHome();
  const result = await runCli(['configure', 'list', '--json'], { home });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  assert.deepEqual(
    JSON.parse(result.stdout).map((r: { name: string; source: string }) => [r.name, r.source]),
    [
      ['profile', 'default'],
      ['access_key', 'not-set'],
      ['secret_key', 'not-set'],
      ['region', 'not-set'],
    ],
  );
});

test('configure list-profiles: union of both files in file order, nothing else', async () => {
  const home = tempHome({
    '.aws/config': '[profile zeta]\n[default]\n[profile 123]\n[sso-session s]\n[bare]\n[profile alpha]\n',
    '.aws/credentials': '[alpha]\n[only-creds]\n[zeta]\n[profile wrong]\n',
  });
  const result = await runCli(['configure', 'list-profiles'], { home });
  assert.deepEqual(result, { code: 0, signal: null, stdout: 'zeta\ndefault\n123\nalpha\nonly-creds\n', stderr: '' });
});

test('configure list-profiles still lists the sections of a file with a broken line, quietly', async () => {
  const home = tempHome({ '.aws/config': '[profile a]\n[profile broken\nregion = x\n[profile b]\n' });
  const result = await runCli(['configure', 'list-profiles'], { home });
  assert.deepEqual(result, { code: 0, signal: null, stdout: 'a\nb\n', stderr: '' });
});

test('every command that reads the files warns once about a credentials file others can read (configure, sso and resolving alike)', async () => {
  const home = tempHome({
    '.aws/config': '[profile dev]\nregion = eu-west-1\n',
    '.aws/credentials': '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = secret\n',
  });
  chmodSync(join(home, '.aws', 'credentials'), 0o644);
  // (configure get stays quiet, like aws configure get: its output is read by scripts.)
  for (const argv of [['configure', 'list', '--profile', 'dev'], ['profiles'], ['process', '--profile', 'dev'], ['sso', 'accounts', '--profile', 'dev']]) {
    const result = await runCli(argv, { home });
    const warnings = result.stderr.split('\n').filter((line) => line.includes('is readable by group and others (mode 644); run chmod 600'));
    assert.equal(warnings.length, 1, `${argv.join(' ')}: ${result.stderr}`);
  }
});
