// `awsctl explain [--json] [<role>…]`: the plan resolving the profile would follow, with the cache
// entries each hop would use and the state of a login session's file, and with role arguments the
// chain `awsctl assume <role>…` would take from there. No network. Exit 1 when the plan would fail.
import { assumeRoleCacheKey, type AssumeRoleKeyArgs } from '../../cache/cli-cache-key.ts';
import { loadProfilesOnce } from '../../profile/load-once.ts';
import type { Context } from '../../io/context.ts';
import { explain } from '../../plan/explain.ts';
import { planCredentials, planDefaultChain, selectProfile, type PlanInput } from '../../plan/planner.ts';
import { explainAssume } from '../../assume/explain.ts';
import { planAssume } from '../../assume/plan.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const files = loadProfilesOnce(ctx, input.global.profile, { portability: true });
  const planInput: PlanInput = { env: ctx.env, profiles: files.set };
  if (input.global.profile !== undefined) Object.assign(planInput, { profileName: input.global.profile, profileFromFlag: true });
  const loginSession = (await import('../../login/explain-session.ts')).loginSessionViewer(ctx, files, selectProfile(input.global.profile, ctx.env).name);
  const explanation = explain(planDefaultChain(planInput), { assumeRoleCacheKey: (args) => assumeRoleCacheKey(args as AssumeRoleKeyArgs), loginSession });
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
