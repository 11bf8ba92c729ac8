// `awsctl sso logout [--sso-session S]`: sign out at the portal and remove cached tokens and
// SSO role credentials — of every session (as `aws sso logout` does), or of the one named.
import { ExitCode } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { ssoTokenPath } from '../../cache/sso-token-cache.ts';
import { logoutSessions, roleCacheKeysForSession } from '../../sso/logout.ts';
import type { LogoutRequest } from '../../sso/logout.ts';
import { resolveSsoSession } from '../../sso/session.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import { loadForSso } from '../../sso/setup.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const base = loadForSso(ctx, input.global.profile);
  const sessionFlag = typeof input.options.ssoSession === 'string' && input.options.ssoSession.trim() !== '' ? input.options.ssoSession : undefined;
  const request: LogoutRequest = { home: base.home, endpoints: base.endpoints };
  let scope = 'every IAM Identity Center session';
  if (sessionFlag !== undefined) {
    const session = resolveSsoSession(base.loaded.set, { sessionFlag, profileName: base.profileName });
    request.tokenPaths = [ssoTokenPath(base.home, { sessionName: session.sessionName, startUrl: session.startUrl })];
    request.roleCacheKeys = roleCacheKeysForSession(base.loaded.set, session);
    scope = `sso-session ${sessionFlag}`;
  }
  const report = await logoutSessions(ctx, request);
  for (const failure of report.logoutFailures)
    ctx.stderr.write(`awsctl: warning: the portal's Logout failed (the cached files are removed anyway): ${terminalSafe(failure)}\n`);
  const tokens = report.tokenFiles.length;
  const roles = report.roleCacheFiles.length;
  if (tokens === 0 && roles === 0) ctx.stderr.write(`Nothing to do: no cached sign-in for ${scope}.\n`);
  else
    ctx.stderr.write(
      `Signed out of ${scope}: removed ${tokens} token file${tokens === 1 ? '' : 's'} and ${roles} cached role credential${roles === 1 ? '' : 's'}.\n`,
    );
  return ExitCode.ok;
}
