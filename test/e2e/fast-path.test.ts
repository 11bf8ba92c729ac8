// The start-up fast path for `process` and `env` (bin/awsctl running dist/fast-path.cjs) must
// answer exactly as the full CLI does, and must answer ALONE only from what is at hand. To tell
// the two apart, a copy of the launcher and the fast path is run from a folder whose dist/ has no
// awsctl.mjs: a hand-over to the full CLI fails there with "Cannot find module", so success
// proves the fast path answered by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, runProcess, tempDir, type RunResult } from '../helpers/cli.ts';
import { e2eRig } from './setup.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';
import { FAST_PATH_BUNDLE, shippedCacheName } from '../../src/startup/code-cache.ts';

const lone = tempDir('awsctl-lone-fast-');
for (const file of ['bin/awsctl', 'bin/package.json', `dist/${FAST_PATH_BUNDLE}`, `dist/${shippedCacheName(process.version, process.arch)}`]) {
  mkdirSync(join(lone, file, '..'), { recursive: true });
  copyFileSync(join(repoRoot, file), join(lone, file));
}
const loneLauncher = join(lone, 'bin', 'awsctl');

function runFile(file: string, args: string[], home: string, env: Record<string, string>): Promise<RunResult> {
  return runProcess([process.execPath, file, ...args], { env: cleanEnv(home, env), cwd: home });
}

/** --debug lines carry elapsed milliseconds, which differ from run to run. */
function withoutTimings(result: RunResult): RunResult {
  return { ...result, stderr: result.stderr.replace(/^\[debug \+\d+ms\]/gm, '[debug]') };
}

test('fast path and full CLI agree; the fast path answers alone only from keys or the cache', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const env = { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' };
    const full = (args: string[]) => runFile(join(repoRoot, 'dist', 'awsctl.mjs'), args, r.home, env);
    const fast = (args: string[]) => runFile(join(repoRoot, 'bin', 'awsctl'), args, r.home, env);
    const alone = (args: string[]) => runFile(loneLauncher, args, r.home, env);

    for (const args of [
      ['process', '--profile', 'base'],
      ['env', '--profile', 'base', '--format', 'fish'],
      ['env', '--unset'],
    ]) {
      const [a, b, c] = [await full(args), await fast(args), await alone(args)];
      assert.equal(a.code, 0, a.stderr);
      assert.deepEqual(b, a, `bin/awsctl ${args.join(' ')}`);
      assert.deepEqual(c, a, `lone fast path ${args.join(' ')} answered by itself`);
    }

    // A cold role needs STS: the lone copy must hand over (and so fail), the real one must work.
    const cold = await alone(['process', '--profile', 'dev']);
    assert.notEqual(cold.code, 0);
    assert.match(cold.stderr, /Cannot find module/);
    assert.equal(r.aws.sts.calls.length, 0, 'the fast path made no network call before handing over');
    const first = await fast(['process', '--profile', 'dev']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(r.aws.sts.calls.length, 1);

    // Now cached: the lone copy answers by itself, the same bytes, with no further STS call.
    const cached = await alone(['process', '--profile', 'dev']);
    assert.deepEqual(cached, first);
    assert.equal(r.aws.sts.calls.length, 1);

    // Errors are the full CLI's, word for word (the fast path prints nothing before handing over).
    for (const args of [
      ['process', '--profile', 'missing'],
      ['env', '--format', 'nope'],
      ['process', '--debug', '--profile', 'base'],
    ]) {
      const [a, b] = [await full(args), await fast(args)];
      assert.deepEqual(withoutTimings(b), withoutTimings(a), `bin/awsctl ${args.join(' ')}`);
    }
  } finally {
    await r.close();
  }
});
