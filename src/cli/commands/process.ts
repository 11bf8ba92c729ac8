// `awsctl process`: credential_process JSON for the profile. An SDK runs this for every client
// it builds, so a cache hit must stay cheap; and a profile whose credential_process calls
// awsctl for itself is refused here, before anything else runs.
import { enterProcessGuard, readProcessChain, REPORTED_MARKER } from '../../resolve/credential-process-guard.ts';
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import type { Context } from '../../io/context.ts';
import { formatProcessJson } from '../../output/process-json.ts';
import { selectProfile } from '../../plan/planner.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  try {
    enterProcessGuard(ctx.env, selectProfile(input.global.profile, ctx.env).name);
    const resolved = await resolveCredentials(ctx, requestFrom(input));
    ctx.stdout.write(formatProcessJson(resolved.credentials));
    return 0;
  } catch (error) {
    // Run by an outer awsctl: tell it our line (printed on the way out) is the one to show.
    if (readProcessChain(ctx.env).length > 0) ctx.stdout.write(`${REPORTED_MARKER}\n`);
    throw error;
  }
}
