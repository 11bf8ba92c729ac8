// `awsctl logout [--profile P] [--all]`: forgets console sign-in sessions (`aws login`).
import { loginCacheDir } from '../../profile/locations.ts';
import { AwsctlError, ExitCode } from '../../errors.ts';
import { loadProfilesOnce } from '../../profile/load-once.ts';
import type { Context } from '../../io/context.ts';
import { KEYS_STAY_VALID, removeAllSessions, removeSession } from '../../login/logout.ts';
import { selectProfile } from '../../plan/planner.ts';
import { profileValue } from '../../plan/settings.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const files = loadProfilesOnce(ctx, input.global.profile);
  const dir = loginCacheDir(ctx.env, files.locations.home, ctx.platform);
  if (dir === undefined)
    throw new AwsctlError('cannot sign out', 'no home directory is known for the login cache', { hint: 'set HOME or AWS_LOGIN_CACHE_DIRECTORY' });
  if (input.options.all === true) {
    const count = removeAllSessions(ctx.fs, dir);
    ctx.stderr.write(
      count === 0 ? 'No cached login sessions found.\n' : `Removed ${count} cached login session${count === 1 ? '' : 's'}; ${KEYS_STAY_VALID}.\n`,
    );
    return ExitCode.ok;
  }
  const profile = selectProfile(input.global.profile, ctx.env).name;
  const sessionArn = profileValue(files.set.profiles[profile], 'login_session');
  if (sessionArn === undefined) {
    ctx.stderr.write(`awsctl: warning: profile ${profile} has no login_session; nothing to remove (for IAM Identity Center use \`awsctl sso logout\`).\n`);
    return ExitCode.ok;
  }
  const removed = removeSession(ctx.fs, dir, sessionArn);
  ctx.stderr.write(
    removed
      ? `Removed the cached login session of profile ${profile}; ${KEYS_STAY_VALID}.\n`
      : `No cached login session for profile ${profile}; nothing to remove.\n`,
  );
  return ExitCode.ok;
}
