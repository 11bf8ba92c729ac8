// Cache entries written by someone or something else (issue 21, item 5): an entry that is not
// usable temporary credentials is a miss (the role is assumed again and the entry replaced),
// never credentials handed to an SDK; an entry far larger than any real one is not read at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assumeRoleCacheKey } from '../../src/cache/cli-cache-key.ts';
import { awsctlCommand, cleanEnv } from '../helpers/cli.ts';
import { startRig, type Rig } from './rig.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/Dev';
const PLANTED_KEY = 'ASIAPLANTEDENTRY0001';

function entryPath(home: string): string {
  return join(home, '.aws', 'cli', 'cache', `${assumeRoleCacheKey({ RoleArn: ROLE_ARN })}.json`);
}

function plantEntry(home: string, credentials: Record<string, unknown>): void {
  mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, mode: 0o700 });
  writeFileSync(entryPath(home), JSON.stringify({ Credentials: { AccessKeyId: PLANTED_KEY, SecretAccessKey: 'planted-secret', ...credentials } }), {
    mode: 0o600,
  });
}

async function withRig(fn: (r: Rig) => Promise<void>): Promise<void> {
  const r = await startRig();
  try {
    writeFileSync(join(r.home, '.aws', 'config'), ROLE_PROFILE, { mode: 0o600 });
    await fn(r);
  } finally {
    await r.close();
  }
}

const unusable: Array<[string, Record<string, unknown>]> = [
  ['an empty SessionToken', { SessionToken: '', Expiration: '2099-01-01T00:00:00UTC' }],
  ['an impossible date (2099-02-30)', { SessionToken: 'planted-token', Expiration: '2099-02-30T00:00:00UTC' }],
  ['an impossible time (25:00)', { SessionToken: 'planted-token', Expiration: '2099-01-01T25:00:00Z' }],
  ['a numeric Expiration', { SessionToken: 'planted-token', Expiration: 4102444800 }],
];

for (const [what, credentials] of unusable) {
  test(`a cache entry with ${what} is a miss: the role is assumed again and the entry replaced`, async () => {
    await withRig(async (r) => {
      plantEntry(r.home, credentials);
      const result = await r.run(['process', '--profile', 'dev']);
      assert.equal(result.code, 0, result.stderr);
      const answer = JSON.parse(result.stdout) as { AccessKeyId: string; SessionToken: string };
      assert.notEqual(answer.AccessKeyId, PLANTED_KEY, 'the planted entry was taken as credentials');
      assert.ok(answer.SessionToken, 'temporary credentials carry a session token');
      assert.equal(r.aws.sts.calls.filter((c) => c.action === 'AssumeRole').length, 1);
      assert.equal(readFileSync(entryPath(r.home), 'utf8').includes(PLANTED_KEY), false, 'replaced');
    });
  });
}

/** Runs the CLI under GNU time: its answer and its peak memory. */
function runMeasured(r: Rig, args: string[]): Promise<{ code: number | null; stdout: string; maxRssKb: number }> {
  const env = cleanEnv(r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'awsctl-maxrss-kb=%M', ...awsctlCommand, ...args], { env, cwd: r.home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, maxRssKb: Number(/awsctl-maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN) }));
  });
}

test('a 300 MB cache entry is not read into memory: a miss, at the memory of an ordinary run', {
  skip: existsSync('/usr/bin/time') ? false : 'needs GNU time at /usr/bin/time',
}, async () => {
  await withRig(async (r) => {
    plantEntry(r.home, { SessionToken: 'planted-token', Expiration: '2099-01-01T00:00:00UTC' });
    truncateSync(entryPath(r.home), 300 * 1024 * 1024); // sparse: costs the disk nothing
    const result = await runMeasured(r, ['process', '--profile', 'dev']);
    assert.equal(result.code, 0);
    assert.notEqual(JSON.parse(result.stdout).AccessKeyId, PLANTED_KEY);
    assert.ok(result.maxRssKb < 200 * 1024, `peak memory ${Math.round(result.maxRssKb / 1024)} MB: the entry was read`);
  });
});
