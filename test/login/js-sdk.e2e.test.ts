// Interop with the AWS SDK for JavaScript v3 (@aws-sdk/credential-provider-login), both ways,
// against the fake sign-in service (which checks each DPoP proof against the key the refresh
// token is bound to): the SDK reads and refreshes a session file awsctl wrote, and awsctl reads
// and refreshes one the SDK wrote. The fake issues keys for 200 s, inside both tools' 5-minute
// refresh window, so every read after a write is a refresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { cleanEnv, repoRoot } from '../helpers/cli.ts';
import { browserScript, inSeconds, loginRig, type LoginRig } from './rig.ts';

const child = join(repoRoot, 'test', 'login', 'children', 'js-sdk-login.cjs');

function jsSdk(r: LoginRig): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [child, 'console', r.signin.url], { cwd: repoRoot, env: cleanEnv(r.home), timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? 1 : 0, stdout, stderr });
    });
  });
}

test('the JS SDK reads and refreshes a session awsctl wrote', async () => {
  const r = await loginRig();
  try {
    r.signin.keyLifetime = 200;
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(30) });
    r.writeSession(file);
    const ours = await r.run(['process', '--profile', 'console']);
    assert.equal(ours.code, 0, ours.stderr);
    const written = r.readSession();
    assert.equal(written.accessToken.accessKeyId, JSON.parse(ours.stdout).AccessKeyId);
    const sdk = await jsSdk(r);
    assert.equal(sdk.code, 0, sdk.stderr);
    assert.deepEqual(
      r.signin.tokenCalls.map((c) => c.ok),
      [true, true],
      JSON.stringify(r.signin.tokenCalls),
    );
    const theirs = JSON.parse(sdk.stdout) as Record<string, string>;
    const after = r.readSession();
    assert.equal(theirs.accessKeyId, after.accessToken.accessKeyId);
    assert.notEqual(theirs.accessKeyId, written.accessToken.accessKeyId);
    assert.equal(theirs.accountId, '111122223333');
    assert.equal(after.dpopKey, written.dpopKey);
  } finally {
    await r.close();
  }
});

test('awsctl reads and refreshes a session the JS SDK wrote (and makes it 0600)', async () => {
  const r = await loginRig();
  try {
    r.signin.keyLifetime = 200;
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(30) });
    r.writeSession(file);
    const sdk = await jsSdk(r);
    assert.equal(sdk.code, 0, sdk.stderr);
    const written = r.readSession();
    assert.equal(written.accessToken.accessKeyId, JSON.parse(sdk.stdout).accessKeyId);
    assert.match(written.accessToken.expiresAt!, /\.\d{3}Z$/, 'the SDK writes milliseconds');
    const ours = await r.run(['process', '--profile', 'console']);
    assert.equal(ours.code, 0, ours.stderr);
    assert.deepEqual(
      r.signin.tokenCalls.map((c) => c.ok),
      [true, true],
      JSON.stringify(r.signin.tokenCalls),
    );
    const after = r.readSession();
    assert.equal(JSON.parse(ours.stdout).AccessKeyId, after.accessToken.accessKeyId);
    assert.notEqual(after.accessToken.accessKeyId, written.accessToken.accessKeyId);
    assert.equal(r.sessionMode(), 0o600);
    // And the SDK still reads what awsctl left.
    const again = await jsSdk(r);
    assert.equal(again.code, 0, again.stderr);
  } finally {
    await r.close();
  }
});

test('the JS SDK refreshes a session `awsctl login` created (its key is bound at the code exchange)', async () => {
  const r = await loginRig('[profile console]\nregion = eu-west-1\n');
  try {
    r.signin.keyLifetime = 200;
    const login = await r.run(['login', '--profile', 'console'], { BROWSER: browserScript(r.home).path, DISPLAY: ':0' }, 30_000);
    assert.equal(login.code, 0, login.stderr);
    const created = r.readSession();
    const sdk = await jsSdk(r);
    assert.equal(sdk.code, 0, sdk.stderr);
    assert.deepEqual(
      r.signin.tokenCalls.map((c) => [c.grantType, c.ok]),
      [
        ['authorization_code', true],
        ['refresh_token', true],
      ],
    );
    assert.notEqual(JSON.parse(sdk.stdout).accessKeyId, created.accessToken.accessKeyId);
    assert.equal(r.readSession().signInRegion, 'eu-west-1', 'the SDK keeps the recorded region');
  } finally {
    await r.close();
  }
});
