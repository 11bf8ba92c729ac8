// Refreshes that do not simply succeed, seen by a child polling the server: one that needs an
// MFA code, in a real terminal (tmux), where awsctl asks while the child's requests keep being
// answered with the current credentials; and one that fails for a while, where the child gets a
// clear 503 once the credentials have expired and new credentials once STS answers again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInTmux } from '../assume/tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { e2eRig } from '../e2e/setup.ts';
import { ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';
import { stsError, type RecordedRequest } from '../fake-aws/index.ts';

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

test('an MFA prompt during a refresh: requests keep being answered, then the new credentials are served', { skip: skipWithoutTool('tmux') }, async () => {
  const r = await e2eRig(CONFIG);
  r.aws.sts.lifetimeSeconds = 16;
  const log = join(r.home, 'poll.log');
  const tty = runInTmux(r.home, ['exec', '--profile', 'mfa', '--server', '--', process.execPath, POLL, log], {
    AWS_ENDPOINT_URL_STS: r.aws.sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    await tty.waitForScreen(/MFA code for/);
    tty.type('111111');
    await tty.waitForScreen(/MFA code for[\s\S]*MFA code for/, 30_000);
    const before = lines(log).length;
    await sleep(1500);
    const during = lines(log).slice(before);
    assert.ok(during.length >= 3, `requests answered while the prompt waits: ${during.length}`);
    assert.ok(
      during.every((line) => line.startsWith('200 ASIAFAKE')),
      during.join('\n'),
    );
    tty.type('222222');
    const result = await tty.finished(30_000);
    assert.equal(result.code, 0, result.stderr);
    const keys = new Set(
      lines(log)
        .filter((l) => l.startsWith('200 '))
        .map((l) => l.split(' ')[1]),
    );
    assert.equal(keys.size, 2);
    assert.deepEqual(
      r.aws.sts.calls.filter((c) => c.params.TokenCode).map((c) => c.params.TokenCode),
      ['111111', '222222'],
    );
  } finally {
    tty.close();
    await r.close();
  }
});

test('a refresh that fails: the current credentials are served, then a clear 503 once they expire, then recovery', async () => {
  const r = await e2eRig(STATIC_BASE);
  r.aws.sts.lifetimeSeconds = 6;
  let failing = false;
  const isRefresh = (request: RecordedRequest) => failing && request.body.includes('Action=AssumeRole');
  for (let i = 0; i < 200; i++) r.aws.sts.script({ step: { kind: 'reply', ...stsError(503, 'ServiceUnavailable', 'STS is down') }, match: isRefresh });
  const log = join(r.home, 'poll.log');
  const run = r.run(['exec', '--profile', 'dev', '--server', '--', process.execPath, POLL, log], { AWS_MAX_ATTEMPTS: '1' }, 60_000);
  try {
    while (lines(log).length === 0) await sleep(100);
    failing = true;
    while (!lines(log).some((line) => line.startsWith('503 '))) await sleep(100);
    failing = false;
    const result = await run;
    assert.equal(result.code, 0, result.stderr);
    const statuses = lines(log).map((line) => line.split(' '));
    const firstError = statuses.findIndex(([status]) => status === '503');
    assert.ok(firstError > 0, 'served before the failure showed');
    assert.equal(statuses[firstError]![1], 'CredentialsUnavailable');
    const keysBefore = new Set(statuses.slice(0, firstError).map(([, key]) => key));
    assert.equal(keysBefore.size, 1, 'the first key served until it expired');
    const after = statuses.slice(firstError).filter(([status]) => status === '200');
    assert.ok(after.length >= 1 && !keysBefore.has(after[0]![1]!), 'a new key once STS answers again');
    assert.match(result.stderr, /refreshing credentials for profile dev failed: .*STS is down/);
    assert.match(result.stderr, /refreshed again after \d+ failed attempt/);
  } finally {
    failing = false;
    await run.catch(() => undefined);
    await r.close();
  }
});

test('the child ends while a refresh waits at the MFA prompt: awsctl exits with its status at once, not after an answer', {
  skip: skipWithoutTool('tmux'),
}, async () => {
  const r = await e2eRig(CONFIG);
  r.aws.sts.lifetimeSeconds = 8;
  const marker = join(r.home, 'prompted');
  const tty = runInTmux(r.home, ['exec', '--profile', 'mfa', '--server', '--', 'sh', '-c', `while [ ! -e '${marker}' ]; do sleep 0.1; done; exit 5`], {
    AWS_ENDPOINT_URL_STS: r.aws.sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    await tty.waitForScreen(/MFA code for/);
    tty.type('111111');
    await tty.waitForScreen(/MFA code for[\s\S]*MFA code for/, 30_000);
    writeFileSync(marker, ''); // the child ends now, with the second prompt still open
    const result = await tty.finished(15_000);
    assert.equal(result.code, 5);
    assert.equal(r.aws.sts.calls.filter((c) => c.params.TokenCode).length, 1, 'the unanswered prompt sent nothing');
  } finally {
    tty.close();
    await r.close();
  }
});
