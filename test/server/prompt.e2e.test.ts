// A refresh that needs an MFA code, in a real terminal (tmux): awsctl asks while the child's
// requests keep being answered with the current credentials, and serves the new ones once the
// code is typed. Each code is sent to STS once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTmux, runInTmux } from '../assume/tty.ts';
import { e2eRig, STATIC_BASE } from '../e2e/setup.ts';

const POLL = fileURLToPath(new URL('./children/poll-server.mjs', import.meta.url));
const SERIAL = 'arn:aws:iam::123456789012:mfa/me';
const CONFIG = `${STATIC_BASE}
[profile mfa]
role_arn = arn:aws:iam::111122223333:role/Mfa
source_profile = base
mfa_serial = ${SERIAL}
`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean) : []);

test('an MFA prompt during a refresh: requests keep being answered, then the new credentials are served', { skip: !hasTmux() && 'tmux is not installed' }, async () => {
  const r = await e2eRig(CONFIG);
  r.aws.sts.lifetimeSeconds = 16;
  const log = join(r.home, 'poll.log');
  const tty = runInTmux(r.home, ['exec', '--profile', 'mfa', '--server', '--', process.execPath, POLL, log], { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
  try {
    await tty.waitForScreen(/MFA code for/);
    tty.type('111111');
    await tty.waitForScreen(/MFA code for[\s\S]*MFA code for/, 30_000);
    const before = lines(log).length;
    await sleep(1500);
    const during = lines(log).slice(before);
    assert.ok(during.length >= 3, `requests answered while the prompt waits: ${during.length}`);
    assert.ok(during.every((line) => line.startsWith('200 ASIAFAKE')), during.join('\n'));
    tty.type('222222');
    const result = await tty.finished(30_000);
    assert.equal(result.code, 0, result.stderr);
    const keys = new Set(lines(log).filter((l) => l.startsWith('200 ')).map((l) => l.split(' ')[1]));
    assert.equal(keys.size, 2);
    assert.deepEqual(r.aws.sts.calls.filter((c) => c.params.TokenCode).map((c) => c.params.TokenCode), ['111111', '222222']);
  } finally {
    tty.close();
    await r.close();
  }
});
