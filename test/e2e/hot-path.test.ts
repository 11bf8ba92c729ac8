// The cached `awsctl process` path must stay lean: with a fresh role entry in
// ~/.aws/cli/cache it answers from the cache without loading undici, fast-xml-parser,
// @smithy/*, @inquirer/* or chalk. Which chunk holds which library comes from the build's
// metafile (build/dist-meta.json); which chunks load is recorded by a module hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CACHE_KEYS } from '../helpers/cache-files.ts';
import { repoRoot, cleanEnv, runProcess, tempHome, writeFiles, type RunResult } from '../helpers/cli.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';

const HEAVY = /node_modules\/(undici|fast-xml-parser|@smithy|@inquirer|chalk)\//;
const metafile = join(repoRoot, 'build', 'dist-meta.json');

function heavyChunks(): Set<string> {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const heavy = new Set<string>();
  for (const [output, info] of Object.entries(meta.outputs)) if (Object.keys(info.inputs).some((input) => HEAVY.test(input))) heavy.add(basename(output));
  return heavy;
}

function run(args: string[], env: Record<string, string>): Promise<RunResult> {
  return runProcess([process.execPath, '--import', join(repoRoot, 'test', 'e2e', 'load-recorder.ts'), join(repoRoot, 'bin', 'awsctl'), ...args], { env });
}

test('a cached `awsctl process` loads no heavy library', async (t) => {
  if (process.env.AWSCTL_BIN || !existsSync(metafile)) return t.skip('needs the split build (npm run build) and its metafile');
  const home = tempHome({ '.aws/config': ROLE_PROFILE });
  const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'UTC');
  const key = CACHE_KEYS.assumeRoleDev;
  writeFiles(home, {
    [`.aws/cli/cache/${key}.json`]: JSON.stringify({
      Credentials: { AccessKeyId: 'ASIACACHED0000000001', SecretAccessKey: 'cached-secret', SessionToken: 'cached-token', Expiration: expiration },
    }),
  });
  const log = join(home, 'loaded.txt');
  // No STS endpoint at all: a cache miss would fail, so success proves the hit.
  const result = await run(['process', '--profile', 'dev'], { ...cleanEnv(home), AWS_EC2_METADATA_DISABLED: 'true', AWSCTL_TEST_LOAD_LOG: log });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).AccessKeyId, 'ASIACACHED0000000001');
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/'))
    .map((url) => basename(new URL(url).pathname));
  assert.ok(loaded.length > 0, 'the recorder saw the bundle load');
  const heavy = heavyChunks();
  assert.ok(heavy.size > 0, 'the metafile names chunks with heavy libraries');
  assert.deepEqual(
    loaded.filter((chunk) => heavy.has(chunk)),
    [],
    'no chunk with a heavy library was loaded',
  );
});
