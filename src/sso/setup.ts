// What every `sso` command starts from: the profile files, the home folder whose
// ~/.aws/sso/cache holds the tokens, the session the command is about, the OIDC and portal
// endpoints (AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO and endpoint_url honoured), and
// the cached access token — refreshed with the refresh token when due, under the session's lock.
import { AwsctlError } from '../errors.ts';
import { createToken, REFRESH_TOKEN_GRANT } from '../aws/sso-oidc.ts';
import type { RetryPolicy } from '../aws/retry.ts';
import type { ServiceTarget } from '../aws/types.ts';
import { lockPathFor, withLock } from '../cache/lock.ts';
import { loadSsoToken, ssoTokenPath } from '../cache/sso-token-cache.ts';
import type { LoadedSsoToken, SsoTokenRefresher } from '../cache/sso-token-cache.ts';
import type { Context } from '../io/context.ts';
import { resolveSsoOidcEndpoint, resolveSsoPortalEndpoint } from '../plan/aws-endpoints.ts';
import type { EndpointContext } from '../plan/aws-endpoints.ts';
import { selectProfile } from '../plan/planner.ts';
import { loadProfileFiles } from '../profile/load.ts';
import type { LoadedProfiles } from '../profile/load.ts';
import { resolveHome } from '../profile/locations.ts';
import { loginCommand, resolveSsoSession, sessionLabel } from './session.ts';
import type { SsoSessionConfig } from './session.ts';

export interface SsoSetup {
  loaded: LoadedProfiles;
  home: string;
  profileName: string;
  session: SsoSessionConfig;
  tokenPath: string;
  endpoints: EndpointContext;
}

export function homeFolder(ctx: Pick<Context, 'env' | 'platform' | 'homedir'>): string {
  const home = resolveHome(ctx.env, ctx.platform, ctx.homedir());
  if (!home) throw new AwsctlError('cannot find the SSO token cache', 'no home folder is known (HOME is unset)', { hint: 'set HOME' });
  return home;
}

export function loadForSso(ctx: Context, profileFlag: string | undefined): { loaded: LoadedProfiles; home: string; profileName: string; profileExplicit: boolean; endpoints: EndpointContext } {
  const selected = selectProfile(profileFlag, ctx.env);
  const loaded = loadProfileFiles(ctx, { profileFlag });
  for (const warning of loaded.set.warnings) if (!warning.portability) ctx.stderr.write(`awsctl: warning: ${warning.file}:${warning.line}: ${warning.message}\n`);
  const endpoints: EndpointContext = { env: ctx.env, profile: loaded.set.profiles[selected.name], services: loaded.set.services };
  return { loaded, home: homeFolder(ctx), profileName: selected.name, profileExplicit: selected.origin !== 'default', endpoints };
}

export function prepareSso(ctx: Context, options: { profileFlag?: string; sessionFlag?: string }): SsoSetup {
  const base = loadForSso(ctx, options.profileFlag);
  const session = resolveSsoSession(base.loaded.set, { sessionFlag: options.sessionFlag, profileName: base.profileName, profileExplicit: base.profileExplicit });
  ctx.debug(`sso: using ${session.sessionName ? `sso-session ${session.sessionName}` : `the legacy start URL of profile ${base.profileName}`} (chosen by ${session.chosenBy}), region ${session.region}`);
  const tokenPath = ssoTokenPath(base.home, { sessionName: session.sessionName, startUrl: session.startUrl });
  return { ...base, session, tokenPath };
}

export function oidcTarget(endpoints: EndpointContext, region: string): ServiceTarget {
  return { endpoint: resolveSsoOidcEndpoint(region, endpoints).url };
}

export function portalTarget(endpoints: EndpointContext, region: string, retry?: RetryPolicy): ServiceTarget {
  return { endpoint: resolveSsoPortalEndpoint(region, endpoints).url, retry };
}

/** CreateToken(grant_type=refresh_token) against the OIDC endpoint of the token's region. */
export function ssoRefresher(ctx: Context, endpoints: EndpointContext): SsoTokenRefresher {
  return async (request) => {
    const result = await createToken(ctx, oidcTarget(endpoints, request.region), {
      grantType: REFRESH_TOKEN_GRANT,
      clientId: request.clientId,
      clientSecret: request.clientSecret,
      refreshToken: request.refreshToken,
    });
    return { accessToken: result.accessToken, expiresIn: result.expiresIn, refreshToken: result.refreshToken, tokenType: result.tokenType };
  };
}

/** The session's access token, refreshed without a browser when due; an error that says to log in otherwise. */
export async function loadAccessToken(ctx: Context, setup: SsoSetup): Promise<LoadedSsoToken> {
  return loadSsoToken({
    fs: ctx.fs,
    path: setup.tokenPath,
    name: sessionLabel(setup.session),
    now: () => ctx.now(),
    // botocore's SSO token window: 15 minutes, whatever AWSCTL_CACHE_REFRESH_WINDOW says for role credentials.
    refreshWindowSeconds: 900,
    refresh: ssoRefresher(ctx, setup.endpoints),
    region: setup.session.region,
    lock: (fn) => withLock(lockPathFor(setup.tokenPath), fn),
    loginHint: `sign in with: ${loginCommand(setup.session, setup.profileName)}`,
    debug: (message) => ctx.debug(message),
  });
}
