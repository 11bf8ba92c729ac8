// Symlinks where secrets are kept (issue 21, item 6): secrets end up 0600 in a folder only the
// user can write, or awsctl refuses with a clear message. A cache entry that is a link to a
// 0644 file elsewhere is replaced by a 0600 file (the other file is left alone); a cache folder
// that is a link to a folder others can write is neither read (entries there may be planted)
// nor written, and awsctl says so once; a dangling ~/.aws/credentials link grows no folders at
// its target (the AWS CLI fails there too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assumeRoleCacheKey } from '../../src/cache/cli-cache-key.ts';
import { tempDir } from '../helpers/cli.ts';
import { startRig, type Rig } from './rig.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/Dev';
const ENTRY = `${assumeRoleCacheKey({ RoleArn: ROLE_ARN })}.json`;
const PLANTED_KEY = 'ASIAPLANTEDBYOTHERS1';

async function withRig(fn: (r: Rig) => Promise<void>): Promise<void> {
  const r = await startRig();
  try {
    writeFileSync(join(r.home, '.aws', 'config'), ROLE_PROFILE, { mode: 0o600 });
    await fn(r);
  } finally {
    await r.close();
  }
}

const plantedEntry = JSON.stringify({
  Credentials: { AccessKeyId: PLANTED_KEY, SecretAccessKey: 'planted', SessionToken: 'planted', Expiration: '2099-01-01T00:00:00UTC' },
});

test('a cache entry that links to a 0644 file elsewhere: replaced by a 0600 file in the cache folder', async () => {
  await withRig(async (r) => {
    const elsewhere = join(tempDir('awsctl-elsewhere-'), 'entry.json');
    writeFileSync(elsewhere, '{"expired": true}');
    chmodSync(elsewhere, 0o644);
    mkdirSync(join(r.home, '.aws', 'cli', 'cache'), { recursive: true, mode: 0o700 });
    const entry = join(r.home, '.aws', 'cli', 'cache', ENTRY);
    symlinkSync(elsewhere, entry);
    const result = await r.run(['process', '--profile', 'dev']);
    assert.equal(result.code, 0, result.stderr);
    const secret = JSON.parse(result.stdout).SecretAccessKey as string;
    assert.equal(lstatSync(entry).isFile(), true, 'the link is replaced by a regular file');
    assert.equal(lstatSync(entry).mode & 0o777, 0o600);
    assert.ok(readFileSync(entry, 'utf8').includes(secret));
    assert.equal(readFileSync(elsewhere, 'utf8'), '{"expired": true}', 'no credentials went to the 0644 file');
  });
});

test('a cache folder that links to a world-writable folder: not read, not written, said once', async () => {
  await withRig(async (r) => {
    const shared = tempDir('awsctl-shared-');
    chmodSync(shared, 0o777);
    writeFileSync(join(shared, ENTRY), plantedEntry); // planted by someone else
    mkdirSync(join(r.home, '.aws', 'cli'), { recursive: true });
    symlinkSync(shared, join(r.home, '.aws', 'cli', 'cache'));
    const result = await r.run(['process', '--profile', 'dev']);
    assert.equal(result.code, 0, result.stderr);
    assert.notEqual(JSON.parse(result.stdout).AccessKeyId, PLANTED_KEY, 'a planted entry was taken as credentials');
    const lines = result.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, result.stderr);
    assert.match(
      lines[0]!,
      /^awsctl: warning: not caching credentials: the folder \S+\/\.aws\/cli\/cache \(link to \S+\): others can write to it \(mode 0777\); /,
    );
    assert.deepEqual(readdirSync(shared), [ENTRY], 'nothing written there');
    assert.equal(readFileSync(join(shared, ENTRY), 'utf8'), plantedEntry);
  });
});

test('a dangling ~/.aws/credentials link: a clear error, and no folders made at its target', async () => {
  await withRig(async (r) => {
    const gone = join(tempDir('awsctl-dotfiles-'), 'not', 'there');
    symlinkSync(join(gone, 'credentials'), join(r.home, '.aws', 'credentials'));
    const result = await r.run(['configure', 'set', 'aws_access_key_id', 'AKIAI44QH8DHBEXAMPLE', '--profile', 'base']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /credentials \(link to \S+\/not\/there\/credentials\)/);
    assert.equal(existsSync(join(gone, '..')), false, 'no folder was made at the target');
    assert.equal(lstatSync(join(r.home, '.aws', 'credentials')).isSymbolicLink(), true, 'the link is left as it was');
  });
});

test('SSO token and cache writes through the file system: a link is replaced, the mode is exactly 0600', async () => {
  const { createNodeFileSystem } = await import('../../src/io/node-fs.ts');
  const { writeSsoToken } = await import('../../src/cache/sso-token-cache.ts');
  const fs = createNodeFileSystem();
  const home = tempDir('awsctl-sso-link-');
  const cache = join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  const elsewhere = join(home, 'token-elsewhere.json');
  writeFileSync(elsewhere, '{}');
  chmodSync(elsewhere, 0o644);
  symlinkSync(elsewhere, join(cache, 'token.json'));
  writeSsoToken(fs, join(cache, 'token.json'), { accessToken: 'sso-secret-token', expiresAt: '2099-01-01T00:00:00Z' });
  assert.equal(lstatSync(join(cache, 'token.json')).isFile(), true);
  assert.equal(statSync(join(cache, 'token.json')).mode & 0o777, 0o600);
  assert.equal(readFileSync(elsewhere, 'utf8'), '{}');

  chmodSync(cache, 0o777);
  assert.throws(
    () => writeSsoToken(fs, join(cache, 'token.json'), { accessToken: 'sso-secret-token', expiresAt: '2099-01-01T00:00:00Z' }),
    /cannot write \S+token\.json: the folder \S+ others can write to it \(mode 0777\)/,
  );
});

test('an SSO token folder others can write: a clear error, the token in it not used', async () => {
  const r = await startRig();
  try {
    const config =
      '[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n';
    writeFileSync(join(r.home, '.aws', 'config'), config);
    const cache = join(r.home, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    // sha1("corp"), the AWS CLI's name for the session's token: planted by whoever can write here.
    writeFileSync(
      join(cache, 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'),
      JSON.stringify({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'planted-token', expiresAt: '2099-01-01T00:00:00Z' }),
    );
    chmodSync(cache, 0o777);
    r.aws.ssoPortal.accessTokens.add('planted-token');
    const result = await r.run(['process', '--profile', 's'], {
      env: { AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url, AWS_ENDPOINT_URL_SSO_OIDC: r.aws.ssoOidc.url },
    });
    assert.equal(result.code, 1, result.stdout);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^awsctl: .*SSO session corp: the token folder \S+\/\.aws\/sso\/cache: others can write to it \(mode 0777\) — make it yours alone/,
    );
    assert.equal(r.aws.ssoPortal.requests.length, 0, 'the planted token was never sent anywhere');
  } finally {
    await r.close();
  }
});
