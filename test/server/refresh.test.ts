// The refresh scheduler with a fake clock and fake timers: when it refreshes, that a failing
// refresh keeps serving the old credentials, then gives a clear error once they expire, then
// recovers; that a refresh waiting on a person (an MFA prompt) never holds up a request; and
// the rotating token file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCredentials } from '../../src/aws/types.ts';
import { createCredentialHolder, type Timers } from '../../src/server/credential-holder.ts';
import { leadMs, refreshDelayMs, retryDelayMs } from '../../src/server/refresh-schedule.ts';
import { startRotatingTokenFile } from '../../src/server/token-file.ts';
import { tempDir } from '../helpers/cli.ts';
import { TOKEN, startRig } from './rig.ts';

function fakeTimers(clock: { now: Date }) {
  const pending: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      pending.push({ at: clock.now.getTime() + ms, fn, id: ++next });
      return next;
    },
    clear: (id) => {
      const index = pending.findIndex((t) => t.id === id);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  /** Moves the clock to the next timer and runs it. */
  const fire = async () => {
    pending.sort((a, b) => a.at - b.at);
    const timer = pending.shift();
    assert.ok(timer, 'a timer is pending');
    clock.now = new Date(Math.max(timer.at, clock.now.getTime()));
    timer.fn();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { timers, pending, fire };
}

const T0 = new Date('2030-01-01T00:00:00Z');
const creds = (n: number, expiresMs: number): AwsCredentials => ({
  accessKeyId: `ASIATEST0000000000${n}`,
  secretAccessKey: `s${n}`,
  sessionToken: `t${n}`,
  expiration: new Date(expiresMs),
});

test('refresh timing: the lead before expiry, half the life for short credentials, no tight loop, backoff', () => {
  const hour = { expiration: new Date(T0.getTime() + 3_600_000), obtainedAt: T0 };
  assert.equal(leadMs(hour, 900), 900_000);
  assert.equal(refreshDelayMs(hour, T0, 900), 2_700_000);
  assert.equal(refreshDelayMs(hour, T0, 1500), 2_100_000, 'IMDS mode: 25 minutes before');
  const short = { expiration: new Date(T0.getTime() + 12_000), obtainedAt: T0 };
  assert.equal(refreshDelayMs(short, T0, 900), 6_000);
  assert.equal(refreshDelayMs({ obtainedAt: T0 }, T0, 900), undefined, 'long-term keys are not refreshed');
  const stale = { expiration: new Date(T0.getTime() + 60_000), obtainedAt: new Date(T0.getTime() - 3_540_000) };
  assert.equal(refreshDelayMs(stale, T0, 900), 15_000, 'nothing fresher came back: a quarter of what is left');
  assert.deepEqual([1, 2, 3, 6, 20].map(retryDelayMs), [1_000, 2_000, 4_000, 30_000, 30_000]);
});

test('a failing refresh: old credentials served while valid, then a clear error, then recovery', async () => {
  const clock = { now: T0 };
  const { timers, fire } = fakeTimers(clock);
  const warnings: string[] = [];
  let failing = true;
  let issued = 1;
  const holder = createCredentialHolder({
    initial: creds(1, T0.getTime() + 12_000),
    refresh: async () => {
      if (failing) throw new Error('sts: AWS refused: ServiceUnavailable');
      issued++;
      return creds(issued, clock.now.getTime() + 12_000);
    },
    leadSeconds: 900,
    now: () => clock.now,
    timers,
    debug: () => {},
    warn: (message) => warnings.push(message),
    profile: 'dev',
  });
  await fire(); // t = 6 s: the refresh fails
  assert.equal(holder.current().kind, 'ok', 'the old credentials are still served');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /refreshing credentials for profile dev failed: sts: AWS refused: ServiceUnavailable; trying again in 1 s/);
  while (clock.now.getTime() < T0.getTime() + 12_000) await fire();
  const expired = holder.current();
  assert.equal(expired.kind, 'unavailable');
  assert.match(expired.kind === 'unavailable' ? expired.reason : '', /expired at 2030-01-01T00:00:12Z and the last refresh failed: sts: AWS refused/);
  assert.equal(warnings.length, 1, 'the same failure is said once');
  failing = false;
  await fire();
  const recovered = holder.current();
  assert.equal(recovered.kind, 'ok');
  assert.equal(recovered.kind === 'ok' ? recovered.credentials.accessKeyId : '', 'ASIATEST00000000002');
  assert.match(warnings.at(-1)!, /refreshed again after \d+ failed attempt/);
  holder.stop();
});

test('a refresh waiting on a prompt: requests keep being answered from memory, over HTTP, until the code is typed', async () => {
  const clock = { now: T0 };
  const { timers, fire } = fakeTimers(clock);
  let typeCode: (() => void) | undefined;
  const questions: string[] = [];
  const holder = createCredentialHolder({
    initial: creds(1, T0.getTime() + 3_600_000),
    refresh: async () => {
      questions.push('MFA code for arn:aws:iam::123456789012:mfa/me:');
      await new Promise<void>((resolve) => (typeCode = resolve)); // the person has not typed yet
      return creds(2, clock.now.getTime() + 3_600_000);
    },
    leadSeconds: 900,
    now: () => clock.now,
    timers,
    debug: () => {},
    warn: () => {},
    profile: 'dev',
  });
  const rig = await startRig({ holder });
  try {
    await fire(); // t = 45 min: the refresh starts and asks
    assert.equal(questions.length, 1, 'the refresh is asking');
    for (let i = 0; i < 20; i++) {
      const response = await rig.get('/credentials', { authorization: TOKEN });
      assert.equal(response.status, 200, 'answered while the prompt waits');
      assert.equal(JSON.parse(response.body).AccessKeyId, 'ASIATEST00000000001');
    }
    typeCode!();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(JSON.parse((await rig.get('/credentials', { authorization: TOKEN })).body).AccessKeyId, 'ASIATEST00000000002');
    assert.equal(holder.generation, 1);
  } finally {
    holder.stop();
    await rig.close();
  }
});

test('the token file: 0600 in a private folder, rotated, the previous token accepted for a short grace, removed at stop', async () => {
  const clock = { now: T0 };
  const { timers, fire } = fakeTimers(clock);
  const base = tempDir('awsctl-token-');
  try {
    const file = startRotatingTokenFile(
      {
        makePrivateDir: () => mkdtempSync(join(base, 'server-')),
        writeSecret: (path, text) => {
          writeFileSync(`${path}.tmp`, text, { mode: 0o600 });
          renameSync(`${path}.tmp`, path);
        },
        removeDir: (path) => rmSync(path, { recursive: true, force: true }),
      },
      { rotateMs: 60_000, nowMs: () => clock.now.getTime(), timers, debug: () => {} },
    );
    const first = readFileSync(file.path, 'utf8');
    assert.match(first, /^[\w-]{43}$/);
    assert.equal(statSync(file.path).mode & 0o777, 0o600);
    assert.deepEqual(file.acceptedTokens(), [first]);
    await fire();
    const second = readFileSync(file.path, 'utf8');
    assert.notEqual(second, first);
    assert.deepEqual(file.acceptedTokens(), [second, first], 'the previous token during the grace');
    clock.now = new Date(clock.now.getTime() + 11_000);
    assert.deepEqual(file.acceptedTokens(), [second], 'then only the new one');
    file.stop();
    assert.equal(existsSync(file.path), false);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
