// MFA on role hops: one question per device per run, --token-code instead of a question, and
// clear errors (naming the profile, suggesting --token-code) when nobody can be asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveCredentials } from '../../src/resolve/resolve.ts';
import { hopSendsMfa } from '../../src/resolve/hops.ts';
import type { RoleHop } from '../../src/plan/types.ts';
import { AwsctlError } from '../../src/errors.ts';
import { rig } from './setup.ts';
import { BASE_PROFILE, MFA_SERIAL } from '../helpers/fixtures.ts';

const CONFIG = `${BASE_PROFILE}
[profile mid]
role_arn = arn:aws:iam::111122223333:role/Mid
source_profile = base
mfa_serial = ${MFA_SERIAL}

[profile top]
role_arn = arn:aws:iam::444455556666:role/Top
source_profile = mid
mfa_serial = ${MFA_SERIAL}
`;

test('one MFA question per device per run; the code goes with the first hop naming the device only', async () => {
  const r = await rig(CONFIG);
  try {
    const ctx = r.ctx({ answers: ['123456'] });
    await resolveCredentials(ctx, { profileFlag: 'top' });
    assert.deepEqual(ctx.questions, [`MFA code for ${MFA_SERIAL}:`]);
    assert.equal(r.aws.sts.calls.length, 2);
    const [mid, top] = r.aws.sts.calls;
    assert.equal(mid?.params.SerialNumber, MFA_SERIAL);
    assert.equal(mid?.params.TokenCode, '123456');
    // The second hop is signed by mid's MFA session; a one-time code is not sent twice.
    assert.equal(top?.params.SerialNumber, undefined);
    assert.equal(top?.params.TokenCode, undefined);
    assert.match(top?.signedWith ?? '', /^ASIA/, 'signed with the temporary keys of the MFA session');
    // Cached now: no question at all the next time.
    const again = r.ctx({ answers: [] });
    await resolveCredentials(again, { profileFlag: 'top' });
    assert.deepEqual(again.questions, []);
  } finally {
    await r.close();
  }
});

test('--token-code is used instead of asking', async () => {
  const r = await rig(CONFIG);
  try {
    const ctx = r.ctx({ answers: [] });
    await resolveCredentials(ctx, { profileFlag: 'mid', tokenCode: '654321' });
    assert.deepEqual(ctx.questions, []);
    assert.equal(r.aws.sts.calls[0]?.params.TokenCode, '654321');
  } finally {
    await r.close();
  }
});

test('without input the error names the profile and suggests --token-code', async () => {
  const r = await rig(CONFIG);
  try {
    await assert.rejects(resolveCredentials(r.ctx({ interactive: false }), { profileFlag: 'mid' }), (error: unknown) => {
      assert.ok(error instanceof AwsctlError);
      assert.match(error.message, /^profile mid: .*MFA code for arn:aws:iam::123456789012:mfa\/me.*--no-input.*--token-code/);
      return true;
    });
    await assert.rejects(resolveCredentials(r.ctx({ answers: [] }), { profileFlag: 'mid' }), /profile mid: .*no terminal.*--token-code/);
    await assert.rejects(resolveCredentials(r.ctx({ answers: ['12ab'] }), { profileFlag: 'mid' }), /must be 6 digits/);
    assert.equal(r.aws.sts.calls.length, 0);
  } finally {
    await r.close();
  }
});

test('hopSendsMfa: only the first hop naming a device sends its code', () => {
  const hop = (mfaSerial?: string): RoleHop => ({ roleArn: 'arn:aws:iam::1:role/r', profile: 'p', ...(mfaSerial ? { mfaSerial } : {}) });
  const hops = [hop(), hop('a'), hop('b'), hop('a'), hop()];
  assert.deepEqual(
    hops.map((_, i) => hopSendsMfa(hops, i)),
    [false, true, true, false, false],
  );
});
