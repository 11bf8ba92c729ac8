// `awsctl explain [--json] [<role>…]`: the plan resolving the profile would follow, with the cache
// entries each hop would use, and with role arguments the chain `awsctl assume <role>…` would
// take from there. Pure planning, no network. Exit 1 when the plan would fail.
import { assumeRoleCacheKey, type AssumeRoleKeyArgs } from '../../cache/cli-cache-key.ts';
import { loadProfilesOnce } from '../../profile/load-once.ts';
import type { Context } from '../../io/context.ts';
import { explain } from '../../plan/explain.ts';
import { planCredentials, planDefaultChain, type PlanInput } from '../../plan/planner.ts';
import { explainAssume } from '../../assume/explain.ts';
import { planAssume } from '../../assume/plan.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const files = loadProfilesOnce(ctx, input.global.profile, { portability: true });
  const planInput: PlanInput = { env: ctx.env, profiles: files.set };
  if (input.global.profile !== undefined) Object.assign(planInput, { profileName: input.global.profile, profileFromFlag: true });
  const explanation = explain(planDefaultChain(planInput), { assumeRoleCacheKey: (args) => assumeRoleCacheKey(args as AssumeRoleKeyArgs) });
  const resolves = 'step' in explanation.json.outcome;
  // With role arguments: the chain `awsctl assume <role>…` would take from there.
  const assume = resolves && input.args.length > 0 ? explainAssume(planAssume(planCredentials(planInput), files.set, input.args, { format: 'sh' })) : undefined;
  if (input.options.json === true) {
    ctx.stdout.write(`${JSON.stringify(assume ? { ...explanation.json, assume: assume.json } : explanation.json, null, 2)}\n`);
  } else {
    ctx.stdout.write(`${[...explanation.lines, ...(assume?.lines ?? [])].join('\n')}\n`);
  }
  return resolves ? 0 : 1;
}
