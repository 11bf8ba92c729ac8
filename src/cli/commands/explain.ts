// `awsctl explain [--json]`: the plan resolving the profile would follow, with the cache
// entries each hop would use, and the state of a login session's file. No network. Exit 1 when the plan would fail.
import { assumeRoleCacheKey, type AssumeRoleKeyArgs } from '../../cache/cli-cache-key.ts';
import { loadProfilesOnce } from '../../exec/profiles.ts';
import type { Context } from '../../io/context.ts';
import { explain } from '../../plan/explain.ts';
import { planDefaultChain, selectProfile, type PlanInput } from '../../plan/planner.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const files = loadProfilesOnce(ctx, input.global.profile);
  const planInput: PlanInput = { env: ctx.env, profiles: files.set };
  if (input.global.profile !== undefined) Object.assign(planInput, { profileName: input.global.profile, profileFromFlag: true });
  const loginSession = (await import('../../login/explain-session.ts')).loginSessionViewer(ctx, files, selectProfile(input.global.profile, ctx.env).name);
  const explanation = explain(planDefaultChain(planInput), { assumeRoleCacheKey: (args) => assumeRoleCacheKey(args as AssumeRoleKeyArgs), loginSession });
  ctx.stdout.write(input.options.json === true ? `${JSON.stringify(explanation.json, null, 2)}\n` : `${explanation.lines.join('\n')}\n`);
  return 'step' in explanation.json.outcome ? 0 : 1;
}
