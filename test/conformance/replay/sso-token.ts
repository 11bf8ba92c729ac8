// SSO bearer-token resolution for suite 4c (README §6.3), from awsctl's own building blocks:
// the profile files (loadProfileFiles), the selected profile's sso_session, and the token
// cache (loadSsoToken). Any refresh would go through ctx.http, which replays no traffic here.
import { loadSsoToken, ssoTokenPath } from '../../../src/cache/sso-token-cache.ts';
import type { LoadedSsoToken } from '../../../src/cache/sso-token-cache.ts';
import { AwsctlError } from '../../../src/errors.ts';
import type { Context } from '../../../src/io/context.ts';
import { loadProfileFiles } from '../../../src/profile/load.ts';
import { getValue } from '../../../src/profile/model.ts';

export async function resolveProfileSsoToken(ctx: Context): Promise<LoadedSsoToken> {
  const { set, locations } = loadProfileFiles(ctx);
  const name = locations.profileName;
  const profile = set.profiles[name];
  if (!profile) throw new AwsctlError(`profile ${name}`, 'it does not exist');
  const sessionName = getValue(profile, 'sso_session');
  if (!sessionName) throw new AwsctlError(`profile ${name}`, 'it has no sso_session, so it gives no SSO token');
  const session = set.ssoSessions[sessionName];
  if (!session) throw new AwsctlError(`profile ${name}`, `sso_session ${sessionName} has no [sso-session ${sessionName}] section`);
  const region = getValue(session, 'sso_region');
  if (!getValue(session, 'sso_start_url') || !region) throw new AwsctlError(`sso-session ${sessionName}`, 'it needs sso_start_url and sso_region');
  if (locations.home === undefined) throw new AwsctlError(`sso-session ${sessionName}`, 'no home directory is known, so there is no token cache');
  return loadSsoToken({ fs: ctx.fs, path: ssoTokenPath(locations.home, { sessionName }), name: sessionName, now: () => ctx.now(), region });
}
