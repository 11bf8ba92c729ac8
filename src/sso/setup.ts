// What every `sso` command starts from: the profile files, the home folder whose
// ~/.aws/sso/cache holds the tokens, the session the command is about, the OIDC and portal
// endpoints (AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO and endpoint_url honoured), and
// the cached access token — refreshed with the refresh token when due, under the session's lock.
import { AwsctlError } from '../errors.ts';
import type { RetryPolicy } from '../aws/retry.ts';
import type { ServiceTarget } from '../aws/types.ts';
import { ssoTokenPath } from '../cache/sso-token-cache.ts';
import type { LoadedSsoToken } from '../cache/sso-token-cache.ts';
import { loadSsoAccessToken } from '../resolve/sso-token.ts';
import type { Context } from '../io/context.ts';
import { resolveSsoOidcEndpoint, resolveSsoPortalEndpoint } from '../plan/aws-endpoints.ts';
import type { EndpointContext } from '../plan/aws-endpoints.ts';
import { selectProfile } from '../plan/planner.ts';
import { loadProfilesOnce } from '../profile/load-once.ts';
import type { LoadedProfiles } from '../profile/load.ts';
import { resolveHome } from '../profile/locations.ts';
import { loginCommand, resolveSsoSession } from './session.ts';
import type { SsoSessionConfig } from './session.ts';

interface SsoSetup {
  loaded: LoadedProfiles;
  home: string;
  profileName: string;
  session: SsoSessionConfig;
  tokenPath: string;
  endpoints: EndpointContext;
}

function homeFolder(ctx: Pick<Context, 'env' | 'platform' | 'homedir'>): string {
  const home = resolveHome(ctx.env, ctx.platform, ctx.homedir());
  if (!home) throw new AwsctlError('cannot find the SSO token cache', 'no home folder is known (HOME is unset)', { hint: 'set HOME' });
  return home;
}

export function loadForSso(
  ctx: Context,
  profileFlag: string | undefined,
): { loaded: LoadedProfiles; home: string; profileName: string; profileExplicit: boolean; endpoints: EndpointContext } {
  const selected = selectProfile(profileFlag, ctx.env);
  const loaded = loadProfilesOnce(ctx, profileFlag);
  const endpoints: EndpointContext = { env: ctx.env, profile: loaded.set.profiles[selected.name], services: loaded.set.services };
  return { loaded, home: homeFolder(ctx), profileName: selected.name, profileExplicit: selected.origin !== 'default', endpoints };
}

export function prepareSso(ctx: Context, options: { profileFlag?: string; sessionFlag?: string }): SsoSetup {
  const base = loadForSso(ctx, options.profileFlag);
  const session = resolveSsoSession(base.loaded.set, {
    sessionFlag: options.sessionFlag,
    profileName: base.profileName,
    profileExplicit: base.profileExplicit,
  });
  ctx.debug(
    `sso: using ${session.sessionName ? `sso-session ${session.sessionName}` : `the legacy start URL of profile ${base.profileName}`} (chosen by ${session.chosenBy}), region ${session.region}`,
  );
  const tokenPath = ssoTokenPath(base.home, { sessionName: session.sessionName, startUrl: session.startUrl });
  return { ...base, session, tokenPath };
}

export function oidcTarget(endpoints: EndpointContext, region: string): ServiceTarget {
  return { endpoint: resolveSsoOidcEndpoint(region, endpoints).url };
}

export function portalTarget(endpoints: EndpointContext, region: string, retry?: RetryPolicy): ServiceTarget {
  return { endpoint: resolveSsoPortalEndpoint(region, endpoints).url, retry };
}

/** The session's access token, refreshed without a browser when due; an error that says to log in otherwise. */
export function loadAccessToken(ctx: Context, setup: SsoSetup): Promise<LoadedSsoToken> {
  const { session } = setup;
  return loadSsoAccessToken(ctx, {
    home: setup.home,
    sessionName: session.sessionName,
    startUrl: session.startUrl,
    region: session.region,
    endpoints: setup.endpoints,
    loginHint: `sign in with: ${loginCommand(session, setup.profileName)}`,
  });
}
