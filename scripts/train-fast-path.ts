// Trains the fast path's V8 code cache (src/cli/code-cache.ts says why): compiles the bundle
// exactly as the loaders do, answers the common `process` and `env` calls from a throw-away HOME
// (static keys, a cached role, environment keys), then saves what V8 has compiled by then.
//
//   node scripts/train-fast-path.ts <dist>/fast-path.cjs [--out <file>]
// The default out is <dist>/fast-path-<node version>-<arch>.cache, what bin/awsctl looks for.
// Run by scripts/build.ts and scripts/package.ts in a process of its own, under plain `node`
// (the Node the cache is for): V8 refuses a cache made under other flags.
// Its stdout is the trained answers (secrets of the throw-away HOME); scripts/build.ts discards it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { assumeRoleCacheKey } from '../src/cache/cli-cache-key.ts';
import { serializeCacheEntry, stsCacheEntry } from '../src/cache/credential-cache.ts';
import { shippedCacheName } from '../src/cli/code-cache.ts';
import { runCommonJsBundle, type FastPathExports } from '../src/cli/fast-path-loader.ts';

const ROLE = 'arn:aws:iam::123456789012:role/training';

function trainingHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'awsctl-train-'));
  const expiration = new Date(Date.now() + 3600_000);
  const entry = stsCacheEntry({
    credentials: { accessKeyId: 'ASIATRAINING00000001', secretAccessKey: 'training-secret', sessionToken: 'training-token', expiration },
    assumedRoleUser: { assumedRoleId: 'AROATRAINING:session', arn: 'arn:aws:sts::123456789012:assumed-role/training/session' },
    requestId: 'training',
  });
  const files = {
    '.aws/config': `[profile base]\nregion = us-east-1\n\n[profile dev]\nrole_arn = ${ROLE}\nsource_profile = base\nregion = eu-west-1\n`,
    '.aws/credentials': '[base]\naws_access_key_id = AKIATRAINING00000001\naws_secret_access_key = training-base-secret\n',
    [`.aws/cli/cache/${assumeRoleCacheKey({ RoleArn: ROLE })}.json`]: serializeCacheEntry(entry),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(home, path)), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, path), text, { mode: 0o600 });
  }
  return home;
}

const RUNS: Array<{ argv: string[]; env?: Record<string, string> }> = [
  { argv: ['process', '--profile', 'dev'] },
  { argv: ['process', '--profile', 'base'] },
  { argv: ['process'], env: { AWS_PROFILE: 'dev' } },
  { argv: ['process'], env: { AWS_ACCESS_KEY_ID: 'AKIATRAINING00000002', AWS_SECRET_ACCESS_KEY: 'training-env-secret' } },
  ...['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'].map((format) => ({ argv: ['env', '--profile', 'dev', '--format', format] })),
  { argv: ['env', '--unset'] },
];

export async function trainFastPath(filename: string, out: string): Promise<void> {
  const bundle = runCommonJsBundle<FastPathExports>({ source: readFileSync(filename, 'utf8'), filename, dirname: dirname(filename), cachedData: undefined });
  const home = trainingHome();
  const saved = { ...process.env };
  try {
    for (const run of RUNS) {
      process.env = { PATH: saved.PATH ?? '/usr/bin:/bin', HOME: home, NODE_DISABLE_COMPILE_CACHE: '1', ...run.env };
      if (!(await bundle.exports.answerFromHand(run.argv))) throw new Error(`training run \`awsctl ${run.argv.join(' ')}\` did not answer from the fast path`);
    }
  } finally {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  }
  writeFileSync(out, bundle.script.createCachedData());
}

if (import.meta.main) {
  const [bundle, flag, out] = process.argv.slice(2);
  if (!bundle || (flag !== undefined && (flag !== '--out' || !out))) throw new Error('usage: node scripts/train-fast-path.ts <dist>/fast-path.cjs [--out <file>]');
  await trainFastPath(resolve(bundle), resolve(out ?? join(dirname(bundle), shippedCacheName(process.version, process.arch))));
}
