// `awsctl cache clear [--profile P]`: remove cached credentials from ~/.aws/cli/cache — all the
// entries awsctl can recognise as credential caches, or with --profile only those that profile's
// plan would use. The folder is shared with the AWS CLI; what counts as removable, and why, is in
// src/assume/cache-entries.ts. Reports to stderr; stdout stays empty.
import { join } from 'node:path';
import { isRemovableEntry, planCacheKeys } from '../../assume/cache-entries.ts';
import { cliCacheDir } from '../../cache/credential-cache.ts';
import { AwsctlError } from '../../errors.ts';
import { loadProfilesOnce } from '../../profile/load-once.ts';
import type { Context } from '../../io/context.ts';
import { planDefaultChain, type PlanInput } from '../../plan/planner.ts';
import type { CommandInput } from '../action.ts';

function candidates(ctx: Context, input: CommandInput, folder: string): string[] {
  const files = loadProfilesOnce(ctx, input.global.profile);
  if (input.global.profile === undefined) return ctx.fs.readdir(folder).filter((name) => name.endsWith('.json'));
  const planInput: PlanInput = { env: ctx.env, profiles: files.set, profileName: input.global.profile, profileFromFlag: true };
  const plan = planDefaultChain(planInput);
  const profileStep = plan.steps.find((step) => step.step === 'profile');
  if (profileStep?.status === 'broken') throw profileStep.error;
  return planCacheKeys(plan, files.set).map((key) => `${key}.json`);
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const home = loadProfilesOnce(ctx, input.global.profile).locations.home;
  if (home === undefined) throw new AwsctlError('cache clear', 'no home directory is known, so there is no ~/.aws/cli/cache', { hint: 'set HOME' });
  const folder = cliCacheDir(home);
  let removed = 0;
  let kept = 0;
  for (const name of candidates(ctx, input, folder)) {
    const path = join(folder, name);
    const bytes = ctx.fs.readFile(path);
    if (bytes === undefined) continue;
    if (!isRemovableEntry(name, bytes.toString('utf8'))) {
      kept++;
      ctx.debug(`cache: kept ~/.aws/cli/cache/${name}: not a credential cache entry`);
      continue;
    }
    ctx.fs.remove(path);
    removed++;
    ctx.debug(`cache: removed ~/.aws/cli/cache/${name}`);
  }
  const scope = input.global.profile === undefined ? '' : ` for profile ${input.global.profile}`;
  ctx.stderr.write(
    `awsctl: removed ${removed} cached credential entr${removed === 1 ? 'y' : 'ies'}${scope} from ~/.aws/cli/cache${kept ? ` (kept ${kept} other file${kept === 1 ? '' : 's'})` : ''}\n`,
  );
  return 0;
}
