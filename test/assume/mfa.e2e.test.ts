// MFA with `awsctl assume`, through the built CLI: one question for a whole chain, typed into a
// real terminal (tmux); --token-code instead of a question; the aws-vault pattern (static keys
// with mfa_serial → one cached GetSessionToken session that later runs reuse without asking).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { e2eRig } from '../e2e/setup.ts';
import { BASE_KEY, MFA_SERIAL, ROLE_PROFILE } from '../helpers/fixtures.ts';
import { runInTmux } from './tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';

const ROLES = `${ROLE_PROFILE}
[profile a]
role_arn = arn:aws:iam::111122223333:role/A
source_profile = base
mfa_serial = ${MFA_SERIAL}

[profile b]
role_arn = arn:aws:iam::444455556666:role/B
source_profile = base
mfa_serial = ${MFA_SERIAL}
`;

const withMfa = (calls: Array<{ params: Record<string, string> }>) =>
  calls.filter((c) => c.params.SerialNumber !== undefined || c.params.TokenCode !== undefined);

test('a chain naming one MFA device twice asks once, on the terminal, and sends the code once', { skip: skipWithoutTool('tmux') }, async () => {
  const r = await e2eRig(ROLES);
  const tty = runInTmux(r.home, ['assume', '--profile', 'base', 'a', 'b', 'arn:aws:iam::777788889999:role/C'], {
    AWS_ENDPOINT_URL_STS: r.aws.sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    await tty.waitForScreen(/MFA code for arn:aws:iam::123456789012:mfa\/me/);
    tty.type('246810');
    const result = await tty.finished();
    assert.equal(result.code, 0, result.stderr);
    const screen = tty.screen();
    assert.equal(screen.match(/MFA code for/g)?.length, 1, `exactly one prompt; screen:\n${screen}`);
    assert.ok(!result.stdout.includes('MFA code'), 'the prompt never reaches stdout');
    assert.deepEqual(
      r.aws.sts.calls.map((c) => c.params.RoleArn),
      ['arn:aws:iam::111122223333:role/A', 'arn:aws:iam::444455556666:role/B', 'arn:aws:iam::777788889999:role/C'],
    );
    const mfaCalls = withMfa(r.aws.sts.calls);
    assert.equal(mfaCalls.length, 1, 'SerialNumber + TokenCode on exactly one call');
    assert.deepEqual(mfaCalls[0]?.params.SerialNumber, MFA_SERIAL);
    assert.deepEqual(mfaCalls[0]?.params.TokenCode, '246810');
    assert.equal(mfaCalls[0]?.params.RoleArn, 'arn:aws:iam::111122223333:role/A', 'the first hop naming the device spends the code');
    assert.match(result.stdout, /^export AWS_ACCESS_KEY_ID='ASIAFAKE000000000003';$/m);
  } finally {
    tty.close();
    await r.close();
  }
});

test('--token-code: no prompt even without a terminal', async () => {
  const r = await e2eRig(ROLES);
  try {
    const result = await r.run(['assume', '--profile', 'base', '--token-code', '135790', 'a', 'b']);
    assert.equal(result.code, 0, result.stderr);
    const mfaCalls = withMfa(r.aws.sts.calls);
    assert.equal(mfaCalls.length, 1);
    assert.equal(mfaCalls[0]?.params.TokenCode, '135790');
    const none = await r.run(['assume', '--profile', 'base', '--no-input', 'arn:aws:iam::111122223333:role/Other', '--mfa-serial', MFA_SERIAL]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /needs an MFA code for arn:aws:iam::123456789012:mfa\/me.*--token-code/);
  } finally {
    await r.close();
  }
});

const SESSION_BASE = `[profile user]
aws_access_key_id = ${BASE_KEY.id}
aws_secret_access_key = ${BASE_KEY.secret}
mfa_serial = ${MFA_SERIAL}
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = user
mfa_serial = ${MFA_SERIAL}
`;

test('static keys with mfa_serial: one GetSessionToken session, cached 0600, reused by the next run without a prompt', async () => {
  const r = await e2eRig(SESSION_BASE);
  try {
    const first = await r.run(['assume', '--profile', 'user', '--token-code', '112233', 'arn:aws:iam::111122223333:role/X', 'admin']);
    assert.equal(first.code, 0, first.stderr);
    const calls = r.aws.sts.calls;
    assert.deepEqual(
      calls.map((c) => c.action),
      ['GetSessionToken', 'AssumeRole', 'AssumeRole'],
    );
    assert.equal(calls[0]?.signedWith, BASE_KEY.id);
    assert.deepEqual([calls[0]?.params.SerialNumber, calls[0]?.params.TokenCode], [MFA_SERIAL, '112233']);
    assert.equal(calls[1]?.signedWith, 'ASIAFAKE000000000001', 'the role is assumed with the MFA session');
    assert.equal(withMfa(calls).length, 1, "roles naming the session's device send no code");
    const folder = join(r.home, '.aws', 'cli', 'cache');
    const sessions = readdirSync(folder).filter((f) => /^awsctl-session-[0-9a-f]{40}\.json$/.test(f));
    assert.equal(sessions.length, 1);
    assert.equal(statSync(join(folder, sessions[0]!)).mode & 0o777, 0o600);

    // A later run, another role on the same keys, no code and no terminal: the cached session serves.
    const second = await r.run(['assume', '--profile', 'user', '--no-input', 'arn:aws:iam::444455556666:role/Y']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(r.aws.sts.calls.length, 4);
    assert.equal(r.aws.sts.calls[3]?.action, 'AssumeRole');
    assert.equal(r.aws.sts.calls[3]?.signedWith, 'ASIAFAKE000000000001');
    assert.equal(withMfa(r.aws.sts.calls).length, 1);

    // A role profile on those keys (--profile admin) is built on the same session too.
    const third = await r.run(['assume', '--profile', 'admin', '--no-input', 'arn:aws:iam::444455556666:role/Z']);
    assert.equal(third.code, 0, third.stderr);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').length, 1);
  } finally {
    await r.close();
  }
});

test('no MFA session when the first role asks for more than an hour: assumed directly with the keys', async () => {
  const r = await e2eRig(SESSION_BASE);
  try {
    const result = await r.run(['assume', '--profile', 'user', '--token-code', '445566', '--duration', '7200', 'admin']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      r.aws.sts.calls.map((c) => c.action),
      ['AssumeRole'],
    );
    const call = r.aws.sts.calls[0]!;
    assert.equal(call.signedWith, BASE_KEY.id);
    assert.equal(call.params.DurationSeconds, '7200');
    assert.deepEqual([call.params.SerialNumber, call.params.TokenCode], [MFA_SERIAL, '445566']);
  } finally {
    await r.close();
  }
});
