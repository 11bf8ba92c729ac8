// The calls the fast path is trained on (scripts/train-fast-path.ts for the code caches; the
// startup-snapshot variant of the binary, src/cli/sea-snapshot-main.ts, for the bench): the common
// `process` and `env` calls, answered from a throw-away HOME with static keys, a cached role and
// environment keys. Whatever they print is the throw-away HOME's made-up secrets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assumeRoleCacheKey } from '../src/cache/cli-cache-key.ts';
import { serializeCacheEntry, stsCacheEntry } from '../src/cache/credential-cache.ts';

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

/** Answers every training call with `answerFromHand`; throws if one was not answered by the fast path. */
export async function runTrainingCalls(answerFromHand: (argv: string[]) => Promise<boolean>): Promise<void> {
  const home = trainingHome();
  // The very object back afterwards: process.env is Node's live view of the environment, and a
  // copy put in its place would freeze it (in a startup snapshot, for every later run).
  const saved = process.env;
  try {
    for (const run of RUNS) {
      process.env = { PATH: saved.PATH ?? '/usr/bin:/bin', HOME: home, NODE_DISABLE_COMPILE_CACHE: '1', ...run.env };
      if (!(await answerFromHand(run.argv))) throw new Error(`training run \`awsctl ${run.argv.join(' ')}\` did not answer from the fast path`);
    }
  } finally {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  }
}
