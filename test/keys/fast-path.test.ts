// A stored-keys profile on a cache hit is answered by the start-up fast path alone: the session's
// cache key is made of the profile's settings, so neither the store, its native addon nor the
// passphrase is needed. Proven as in test/e2e/fast-path.test.ts: a copy of the launcher and the
// fast path without dist/awsctl.mjs cannot hand over, so success means the fast path answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, tempDir, type RunResult } from '../helpers/cli.ts';
import { FAST_PATH_BUNDLE } from '../../src/startup/code-cache.ts';
import { PASSPHRASE, keysInput, keysRig } from './rig.ts';

function runLone(args: string[], home: string, env: Record<string, string>): Promise<RunResult> {
  const lone = tempDir('awsctl-lone-keys-');
  for (const file of ['bin/awsctl', 'bin/package.json', `dist/${FAST_PATH_BUNDLE}`]) {
    mkdirSync(join(lone, file, '..'), { recursive: true });
    copyFileSync(join(repoRoot, file), join(lone, file));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(lone, 'bin', 'awsctl'), ...args], { env: cleanEnv(home, env), cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

test('a cached session of a stored-keys profile is answered by the fast path alone, without the store', {
  skip: process.env.AWSCTL_BIN !== undefined && 'the script launcher only',
}, async () => {
  const r = await keysRig({ '.aws/config': '[profile me]\nregion = eu-west-1\n' });
  try {
    const env = { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE };
    assert.equal((await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env })).code, 0);
    const first = await r.run(['process', '--profile', 'me'], { env });
    assert.equal(first.code, 0, first.stderr);
    // No passphrase now: the store is not opened on a cache hit.
    const alone = await runLone(['process', '--profile', 'me'], r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(alone.stdout, first.stdout);
    const cold = await runLone(['process', '--profile', 'me', '--long-term-keys'], r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url });
    assert.notEqual(cold.code, 0, 'the long-term keys need the store, which the fast path hands over for');
  } finally {
    await r.close();
  }
});
