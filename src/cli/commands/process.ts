// `awsctl process`: credential_process JSON for the profile. An SDK runs this for every client
// it builds, so a cache hit must stay cheap; and a profile whose credential_process calls
// awsctl for itself is refused here, before anything else runs.
import { enterProcessGuard } from '../../resolve/credential-process-guard.ts';
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import type { Context } from '../../io/context.ts';
import { formatProcessJson } from '../../output/process-json.ts';
import { selectProfile } from '../../plan/planner.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  enterProcessGuard(ctx.env, selectProfile(input.global.profile, ctx.env).name);
  const resolved = await resolveCredentials(ctx, requestFrom(input));
  ctx.stdout.write(formatProcessJson(resolved.credentials));
  return 0;
}
