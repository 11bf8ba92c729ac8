// A mistyped MFA code (issue 15 item 7), typed into a real terminal (tmux): a code that is not
// 6 digits is refused in the prompt (no ✔) and asked again; a code STS calls invalid (it was not
// used up) is asked again, up to 3 codes; a --token-code that STS refuses is not asked again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eRig } from '../e2e/setup.ts';
import { ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';
import { stsError } from '../fake-aws/sts.ts';
import { runInTmux } from './tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';

const SERIAL = 'arn:aws:iam::123456789012:mfa/me';
const CONFIG = `${STATIC_BASE}
[profile a]
role_arn = arn:aws:iam::111122223333:role/A
source_profile = base
mfa_serial = ${SERIAL}
`;
const INVALID = () => ({ kind: 'reply' as const, ...stsError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ') });

test('a short code is refused in the prompt; an invalid one is asked again; the next one works', {
  skip: skipWithoutTool('tmux'),
  timeout: 60_000,
}, async () => {
  const r = await e2eRig(CONFIG);
  r.aws.sts.script(INVALID());
  const tty = runInTmux(r.home, ['env', '--profile', 'a', '--format', 'json'], { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
  try {
    await tty.waitForScreen(/MFA code for arn:aws:iam::123456789012:mfa\/me/);
    tty.type('12345');
    await tty.waitForScreen(/an MFA code is 6 digits/);
    assert.doesNotMatch(tty.screen(), /✔/, 'a bad code is never ticked');
    // The prompt is still open, holding what was typed: finish the code.
    tty.type('6');
    await tty.waitForScreen(/MFA code for .* \(AWS refused the last code; 2 more tries\)/);
    tty.type('654321');
    const result = await tty.finished();
    assert.equal(result.code, 0, result.stderr);
    // Every request, the scripted refusal included, with the code it carried.
    assert.deepEqual(
      r.aws.sts.requests.map((q) => new URLSearchParams(q.body).get('TokenCode')),
      ['123456', '654321'],
    );
    assert.equal(JSON.parse(result.stdout).AWS_ACCESS_KEY_ID.startsWith('ASIA'), true);
  } finally {
    tty.close();
    await r.close();
  }
});

test('a --token-code that STS refuses fails at once, without a prompt', async () => {
  const r = await e2eRig(CONFIG);
  r.aws.sts.script(INVALID());
  try {
    const result = await r.run(['env', '--profile', 'a', '--token-code', '111111', '--format', 'json']);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(r.aws.sts.requests.length, 1);
    assert.match(result.stderr, /invalid MFA one time pass code\. — the MFA code was wrong or not current/);
  } finally {
    await r.close();
  }
});
