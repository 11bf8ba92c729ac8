// login_session profiles through the built CLI against a fake sign-in service that checks every
// DPoP proof: reading a valid session, refreshing one about to expire (rotated refresh token,
// unknown keys kept, 0600), the refusals and what they tell people, and use as a source profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginRig, inSeconds, SESSION_ARN } from './rig.ts';

test('a valid session is used as it is: no token call', async () => {
  const r = await loginRig();
  try {
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(3600) });
    r.writeSession(file);
    const result = await r.run(['process', '--profile', 'console']);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout) as Record<string, string>;
    assert.equal(out.AccessKeyId, 'ASIASEEDED0000000001');
    assert.equal(out.SessionToken, 'seeded-session-token');
    assert.equal(out.Expiration, (file.accessToken as Record<string, string>).expiresAt);
    assert.equal(out.AccountId, '111122223333');
    assert.equal(r.signin.tokenCalls.length, 0);
  } finally {
    await r.close();
  }
});

test('a session within 5 minutes of expiry is refreshed once, in the sign-in region, and rewritten keeping unknown keys', async () => {
  const r = await loginRig();
  try {
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(120) });
    r.writeSession({ ...file, signInRegion: 'eu-west-1', someFutureKey: { kept: true }, accessToken: { ...(file.accessToken as object), extra: 'kept' } });
    const result = await r.run(['process', '--profile', 'console', '--debug']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(r.signin.tokenCalls, [{ grantType: 'refresh_token', ok: true }]);
    const out = JSON.parse(result.stdout) as Record<string, string>;
    assert.match(out.AccessKeyId!, /^ASIASIGNIN/);
    const saved = r.readSession();
    assert.equal(saved.accessToken.accessKeyId, out.AccessKeyId);
    assert.equal(saved.accessToken.accountId, '111122223333');
    assert.equal(saved.accessToken.extra, 'kept');
    assert.deepEqual(saved.someFutureKey, { kept: true });
    assert.notEqual(saved.refreshToken, file.refreshToken);
    assert.deepEqual(r.signin.liveRefreshTokens(), [saved.refreshToken]);
    assert.equal(saved.dpopKey, file.dpopKey);
    assert.equal(r.sessionMode(), 0o600);
    assert.ok(Date.parse(saved.accessToken.expiresAt!) - Date.now() > 800_000, saved.accessToken.expiresAt);
    assert.match(result.stderr, /refreshing the session of profile console in eu-west-1/);
    // Secrets stay out of --debug.
    for (const secret of [saved.accessToken.secretAccessKey, saved.accessToken.sessionToken, saved.refreshToken, file.refreshToken as string])
      assert.ok(!result.stderr.includes(secret!), 'a secret reached stderr');
    // And the next run uses the new keys without a call.
    const again = await r.run(['process', '--profile', 'console']);
    assert.equal(JSON.parse(again.stdout).AccessKeyId, out.AccessKeyId);
    assert.equal(r.signin.tokenCalls.length, 1);
  } finally {
    await r.close();
  }
});

test('signInRegion wins over the profile region; a refresh in another region is refused by the service', async () => {
  const r = await loginRig();
  try {
    // Signed in to us-east-1 (recorded), profile says eu-west-1: awsctl refreshes in us-east-1.
    const recorded = r.signin.seedSession({ expiresAt: inSeconds(-30), region: 'us-east-1' });
    r.writeSession({ ...recorded.file, signInRegion: 'us-east-1' });
    const result = await r.run(['process', '--profile', 'console', '--debug']);
    assert.match(result.stderr, /refreshing the session of profile console in us-east-1/);
    // This fake is eu-west-1, so it says INVALID_REQUEST, as the real service does.
    assert.equal(result.code, 1);
    assert.deepEqual(
      r.signin.tokenCalls.map((c) => c.error),
      ['INVALID_REQUEST wrong region'],
    );
    assert.match(result.stderr, /INVALID_REQUEST|Invalid request/);
  } finally {
    await r.close();
  }
});

test('refusals: an ended session says to sign in again; missing permission names the managed policy', async () => {
  const r = await loginRig();
  try {
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(-60) });
    r.writeSession(file);
    r.signin.expireAllSessions();
    const ended = await r.run(['process', '--profile', 'console']);
    assert.equal(ended.code, 1);
    assert.equal(ended.stdout, '');
    assert.match(ended.stderr, /sign in again: `awsctl login --profile console`/);
    assert.equal(ended.stderr.trim().split('\n').length, 1, ended.stderr);

    const second = r.signin.seedSession({ expiresAt: inSeconds(-60) });
    r.writeSession(second.file);
    r.signin.refuseNext('INSUFFICIENT_PERMISSIONS');
    const denied = await r.run(['env', '--profile', 'console']);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /SignInLocalDevelopmentAccess/);
    // The file is untouched by failures.
    assert.equal(r.readSession().refreshToken, second.file.refreshToken);
  } finally {
    await r.close();
  }
});

test('a 500 from the token endpoint is retried with a fresh DPoP proof; a bad answer keeps still-valid keys', async () => {
  const r = await loginRig();
  try {
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(-5) });
    r.writeSession(file);
    r.signin.script({ kind: 'reply', status: 500, body: '' });
    const retried = await r.run(['process', '--profile', 'console']);
    assert.equal(retried.code, 0, retried.stderr);
    const proofs = r.signin.requests.filter((q) => q.path === '/v1/token').map((q) => q.headers.dpop);
    assert.equal(proofs.length, 2);
    assert.notEqual(proofs[0], proofs[1], 'each attempt signs its own proof');
    assert.deepEqual(r.signin.tokenCalls, [{ grantType: 'refresh_token', ok: true }], 'the fake accepted the retry (its jti was new)');
    // Keys with 2 minutes left: a failing service does not stop work while they last.
    const valid = r.signin.seedSession({ expiresAt: inSeconds(120) });
    r.writeSession(valid.file);
    r.signin.script(
      { kind: 'reply', status: 200, body: '{"truncated' },
      { kind: 'reply', status: 200, body: '{"truncated' },
      { kind: 'reply', status: 200, body: '{"truncated' },
    );
    const kept = await r.run(['process', '--profile', 'console']);
    assert.equal(kept.code, 0, kept.stderr);
    assert.equal(JSON.parse(kept.stdout).AccessKeyId, 'ASIASEEDED0000000001');
    assert.equal(r.readSession().refreshToken, valid.file.refreshToken);
  } finally {
    await r.close();
  }
});

test('a broken session file is a clear error naming what is missing; no file says to sign in', async () => {
  const r = await loginRig();
  try {
    const none = await r.run(['process', '--profile', 'console']);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /no cached sign-in for arn:aws:sts::111122223333:assumed-role\/Admin\/alice/);
    assert.match(none.stderr, /awsctl login --profile console/);
    const { file } = r.signin.seedSession();
    const { dpopKey: _drop, ...withoutKey } = file;
    r.writeSession({ ...withoutKey, accessToken: { ...(file.accessToken as object), accountId: undefined } });
    const broken = await r.run(['process', '--profile', 'console']);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /missing accessToken\.accountId, dpopKey/);
  } finally {
    await r.close();
  }
});

test('as a source profile, in whoami, assume and explain', async () => {
  const r = await loginRig();
  try {
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(30) });
    r.writeSession(file);
    const whoami = await r.run(['whoami', '--profile', 'console', '--json']);
    assert.equal(whoami.code, 0, whoami.stderr);
    assert.equal(JSON.parse(whoami.stdout).Provider, 'login');
    const signedWith = r.sts.calls.at(-1)?.signedWith;
    assert.equal(signedWith, r.readSession().accessToken.accessKeyId);
    const role = await r.run(['process', '--profile', 'admin']);
    assert.equal(role.code, 0, role.stderr);
    const assume = r.sts.calls.find((c) => c.action === 'AssumeRole');
    assert.equal(assume?.params.RoleArn, 'arn:aws:iam::111122223333:role/Deploy');
    assert.equal(assume?.signedWith, r.readSession().accessToken.accessKeyId);
    assert.equal(r.signin.tokenCalls.length, 1, 'refreshed once, then reused');
    const explain = await r.run(['explain', '--profile', 'admin', '--json']);
    assert.equal(explain.code, 0, explain.stderr);
    const base = (JSON.parse(explain.stdout) as { steps: Array<{ base?: Record<string, unknown> }> }).steps[1]!.base!;
    assert.equal(base.kind, 'login-session');
    assert.equal(base.loginSessionArn, SESSION_ARN);
    assert.deepEqual(base.cache, {
      kind: 'login-session',
      file: r.sessionPath,
      expiresAt: r.readSession().accessToken.expiresAt,
      state: 'valid',
      refreshRegion: 'eu-west-1',
    });
    const text = await r.run(['explain', '--profile', 'admin']);
    assert.match(text.stdout, /session: valid, keys expire .*; refreshes in eu-west-1/);
    assert.equal(r.signin.tokenCalls.length, 1, 'explain makes no call');
  } finally {
    await r.close();
  }
});
