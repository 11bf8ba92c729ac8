// The SSO-OIDC client registration, shared with the AWS CLI v2 through ~/.aws/sso/cache: the
// same cache key (sha1 of {tool, startUrl, region, scopes, session_name}), the same record
// ({clientId, clientSecret, expiresAt, scopes?, grantTypes?} in that order), the same reuse
// rule (unexpired by 15 minutes, and of the right kind: a registration with the
// authorization_code grant serves the PKCE flow, one without serves the device flow; the two
// share one file, so switching flows re-registers), and the token record it leads to.
import type { AwsCallContext, ServiceTarget } from '../aws/types.ts';
import { AUTHORIZATION_CODE_GRANT, DEFAULT_SSO_SCOPES, REFRESH_TOKEN_GRANT, registerClient } from '../aws/sso-oidc.ts';
import type { RegisterClientParams, RegisteredClient, TokenResult } from '../aws/sso-oidc.ts';
import { formatUtcZ, parseCacheTimestamp } from '../cache/credential-cache.ts';
import { readSsoRegistration, ssoRegistrationPath, writeSsoRegistration } from '../cache/sso-token-cache.ts';
import type { SsoRegistration, SsoToken } from '../cache/sso-token-cache.ts';
import type { FileSystem } from '../io/context.ts';
import type { SsoSessionConfig } from './session.ts';

export type LoginFlow = 'pkce' | 'device';

/** botocore's _EXPIRY_WINDOW: a registration this close to its end is replaced. */
export const REGISTRATION_EXPIRY_WINDOW_SECONDS = 15 * 60;
/** The AWS CLI registers the loopback redirect without a port; RFC 8252 lets the port vary per sign-in. */
const LOOPBACK_REDIRECT_URI = 'http://127.0.0.1/oauth/callback';
const AUTH_CODE_GRANT_TYPES = [AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT];

export function registrationPathFor(home: string, session: SsoSessionConfig): string {
  return ssoRegistrationPath(home, {
    startUrl: session.startUrl,
    region: session.region,
    scopes: session.registrationScopes,
    sessionName: session.sessionName,
  });
}

function isForAuthCode(registration: SsoRegistration): boolean {
  return Array.isArray(registration.grantTypes) && registration.grantTypes.includes(AUTHORIZATION_CODE_GRANT);
}

/** Pure: whether a cached registration may be used for `flow` at `now`. */
export function isReusableRegistration(registration: SsoRegistration | undefined, flow: LoginFlow, now: Date): registration is SsoRegistration {
  if (!registration) return false;
  const end = parseCacheTimestamp(registration.expiresAt);
  if (!end || (end.getTime() - now.getTime()) / 1000 < REGISTRATION_EXPIRY_WINDOW_SECONDS) return false;
  return isForAuthCode(registration) === (flow === 'pkce');
}

/** Pure: the RegisterClient request. Legacy profiles have no session name; botocore uses the epoch seconds then. */
export function registrationRequest(session: SsoSessionConfig, flow: LoginFlow, now: Date): RegisterClientParams {
  const suffix = session.sessionName ?? String(Math.floor(now.getTime() / 1000));
  const params: RegisterClientParams = { clientName: `awsctl-client-${suffix}`, clientType: 'public' };
  if (flow === 'pkce') {
    params.grantTypes = AUTH_CODE_GRANT_TYPES;
    params.redirectUris = [LOOPBACK_REDIRECT_URI];
    params.issuerUrl = session.startUrl;
    params.scopes = session.registrationScopes?.length ? session.registrationScopes : DEFAULT_SSO_SCOPES;
  } else if (session.registrationScopes?.length) {
    params.scopes = session.registrationScopes;
  }
  return params;
}

/** Pure: the cached registration record, keys in the AWS CLI's order. */
export function registrationRecord(client: RegisteredClient, request: RegisterClientParams): SsoRegistration {
  const record: SsoRegistration = { clientId: client.clientId, clientSecret: client.clientSecret, expiresAt: formatUtcZ(client.clientSecretExpiresAt) };
  if (request.scopes?.length) record.scopes = [...request.scopes];
  if (request.grantTypes) record.grantTypes = [...request.grantTypes];
  return record;
}

interface RegistrationDeps {
  call: AwsCallContext;
  fs: FileSystem;
  oidc: ServiceTarget;
  home: string;
}

/** The cached registration when reusable, else a new one (written to the cache at once, as the AWS CLI does). */
export async function obtainRegistration(deps: RegistrationDeps, session: SsoSessionConfig, flow: LoginFlow): Promise<SsoRegistration> {
  const path = registrationPathFor(deps.home, session);
  const now = deps.call.now();
  const cached = readSsoRegistration(deps.fs, path);
  if (isReusableRegistration(cached, flow, now)) {
    deps.call.debug(`sso: reusing the cached client registration (expires ${cached.expiresAt})`);
    return cached;
  }
  const request = registrationRequest(session, flow, now);
  const record = registrationRecord(await registerClient(deps.call, deps.oidc, request), request);
  writeSsoRegistration(deps.fs, path, record);
  deps.call.debug(`sso: registered a new ${flow === 'pkce' ? 'authorization code' : 'device code'} client (expires ${record.expiresAt})`);
  return record;
}

/** Pure: the token file after a sign-in, keys in the order the AWS CLI v2 writes them. */
export function tokenRecord(session: SsoSessionConfig, registration: SsoRegistration, result: TokenResult, now: Date): SsoToken {
  const token: SsoToken = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: result.accessToken,
    expiresAt: formatUtcZ(new Date(now.getTime() + result.expiresIn * 1000)),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  };
  if (result.refreshToken) token.refreshToken = result.refreshToken;
  return token;
}
