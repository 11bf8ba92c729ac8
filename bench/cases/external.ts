// Benches written next to this suite by other parts of the project (SSO populate, profiles,
// configure kill-safety). They are run as they are, as separate processes, and their own output
// is included in the report; this file does not interpret their figures.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempHome } from '../../test/helpers/cli.ts';
import { runTimed } from '../lib/spawn.ts';

export const EXTERNAL_BENCHES = ['bench/sso-populate.ts', 'bench/profiles.ts', 'bench/configure-kill.ts'];

export interface ExternalResult {
  script: string;
  present: boolean;
  code?: number | null;
  ms?: number;
  output?: string;
}

export async function runExternalBenches(options: { quick: boolean; timeoutMs?: number }): Promise<ExternalResult[]> {
  const results: ExternalResult[] = [];
  for (const script of EXTERNAL_BENCHES) {
    const path = join(repoRoot, script);
    if (!existsSync(path)) {
      results.push({ script, present: false });
      continue;
    }
    const args = [path, ...(options.quick ? ['--quick'] : [])];
    // They make their own temp homes; should one forget, HOME is an empty temp folder anyway
    // (never the real ~/.aws), and nothing AWS_* is inherited.
    const home = tempHome();
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1' };
    const run = await runTimed({ command: process.execPath, args, env, cwd: repoRoot }, options.timeoutMs ?? 600_000).finally(() =>
      rmSync(home, { recursive: true, force: true }),
    );
    results.push({ script, present: true, code: run.code, ms: run.ms, output: (run.stdout + (run.code === 0 ? '' : run.stderr)).trim() });
  }
  return results;
}
