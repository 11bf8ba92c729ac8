// The IAM Identity Center access token of a session, for everything that needs one (SSO role
// credentials in the chain, `sso accounts`, `sso populate`): read from the AWS CLI's cache and,
// when fewer than 15 minutes remain, refreshed with the refresh token under the session's lock,
// never with a browser. Legacy profiles (sso_start_url without an sso-session) get no refresh
// token from the AWS CLI, so botocore never refreshes them; neither does awsctl.
import type { ServiceTarget } from '../aws/types.ts';
import { lockPathFor, withLock } from '../cache/lock.ts';
import { loadSsoToken, ssoTokenPath, type LoadedSsoToken, type RefreshRequest, type RefreshResponse } from '../cache/sso-token-cache.ts';
import type { Context } from '../io/context.ts';
import { resolveSsoOidcEndpoint, type EndpointContext } from '../plan/aws-endpoints.ts';

interface SsoTokenSource {
  home: string;
  /** The [sso-session] name; undefined for a legacy profile. */
  sessionName: string | undefined;
  startUrl: string;
  /** The configured sso_region (the token's own region is the fallback). */
  region: string;
  endpoints: EndpointContext;
  /** What to run to sign in again, for the error. */
  loginHint: string;
  /** The OIDC target for a refresh, e.g. with the run's shared retry state. */
  oidcTarget?: (url: string) => ServiceTarget | Promise<ServiceTarget>;
}

export async function loadSsoAccessToken(ctx: Context, source: SsoTokenSource): Promise<LoadedSsoToken> {
  const path = ssoTokenPath(source.home, source.sessionName ? { sessionName: source.sessionName } : { startUrl: source.startUrl });
  const name = source.sessionName ?? source.startUrl;
  const token = await loadSsoToken({
    fs: ctx.fs,
    path,
    name,
    now: () => ctx.now(),
    refresh: source.sessionName ? (request) => refreshSsoToken(ctx, source, request) : undefined,
    region: source.region,
    lock: (fn) => withLock(lockPathFor(path), fn),
    loginHint: source.loginHint,
    debug: (message) => ctx.debug(message),
  });
  ctx.debug(`sso: using the cached token for ${name}, valid until ${token.expiresAt.toISOString()}${token.refreshed ? ' (just refreshed)' : ''}`);
  return token;
}

async function refreshSsoToken(ctx: Context, source: SsoTokenSource, request: RefreshRequest): Promise<RefreshResponse> {
  const endpoint = resolveSsoOidcEndpoint(request.region, source.endpoints);
  ctx.debug(`sso: refreshing the access token at ${endpoint.url}`);
  const { createToken, REFRESH_TOKEN_GRANT } = await import('../aws/sso-oidc.ts');
  const target = source.oidcTarget ? await source.oidcTarget(endpoint.url) : { endpoint: endpoint.url };
  const result = await createToken(ctx, target, {
    grantType: REFRESH_TOKEN_GRANT,
    clientId: request.clientId,
    clientSecret: request.clientSecret,
    refreshToken: request.refreshToken,
  });
  const response: RefreshResponse = { accessToken: result.accessToken, expiresIn: result.expiresIn };
  if (result.refreshToken !== undefined) response.refreshToken = result.refreshToken;
  if (result.tokenType !== undefined) response.tokenType = result.tokenType;
  return response;
}
