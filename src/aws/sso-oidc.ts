// IAM Identity Center OIDC (https://oidc.<region>.amazonaws.com), REST-JSON, unsigned:
// RegisterClient, StartDeviceAuthorization, CreateToken (device code, authorization code + PKCE,
// refresh token), plus the browser authorize URL of the PKCE flow. Field names are the API
// model's (camelCase). CreateToken failures are AwsServiceErrors whose `oauthError` the login
// flow switches on: authorization_pending → keep polling, slow_down → poll 5 s slower,
// expired_token / access_denied → stop.
import { createHash, randomBytes } from 'node:crypto';
import { callJson, optionalNumber, optionalString, requireEpochDate, requireSeconds, requireString } from './rest-json.ts';
import type { AwsCallContext, ServiceTarget } from './types.ts';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';
export const REFRESH_TOKEN_GRANT = 'refresh_token';
export const DEFAULT_SSO_SCOPES = ['sso:account:access'];

/** The pending/slow-down answers of a device-code poll, exposed for the login loop. */
export const OAUTH_ERRORS = {
  authorizationPending: 'authorization_pending',
  slowDown: 'slow_down',
  expiredToken: 'expired_token',
  accessDenied: 'access_denied',
  invalidGrant: 'invalid_grant',
  invalidClient: 'invalid_client',
} as const;

export interface RegisterClientParams {
  clientName: string;
  clientType?: 'public';
  scopes?: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientIdIssuedAt?: Date;
  /** From clientSecretExpiresAt (epoch seconds). */
  clientSecretExpiresAt: Date;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Seconds the device code stays valid. */
  expiresIn: number;
  /** Seconds between polls; the spec's default is 5 when absent. */
  interval: number;
}

type CreateTokenParams =
  | { grantType: typeof DEVICE_CODE_GRANT; clientId: string; clientSecret: string; deviceCode: string }
  | { grantType: typeof AUTHORIZATION_CODE_GRANT; clientId: string; clientSecret: string; code: string; codeVerifier: string; redirectUri: string }
  | { grantType: typeof REFRESH_TOKEN_GRANT; clientId: string; clientSecret: string; refreshToken: string; scope?: string[] };

export interface TokenResult {
  accessToken: string;
  tokenType?: string;
  /** Seconds until accessToken expires. */
  expiresIn: number;
  refreshToken?: string;
  idToken?: string;
}

const service = 'sso-oidc';

export async function registerClient(ctx: AwsCallContext, target: ServiceTarget, params: RegisterClientParams): Promise<RegisteredClient> {
  const reply = await callJson(ctx, target, {
    service,
    operation: 'RegisterClient',
    method: 'POST',
    path: '/client/register',
    body: {
      clientName: params.clientName,
      clientType: params.clientType ?? 'public',
      scopes: params.scopes,
      grantTypes: params.grantTypes,
      redirectUris: params.redirectUris,
      issuerUrl: params.issuerUrl,
    },
  });
  const issuedAt = optionalNumber(reply, 'clientIdIssuedAt');
  return {
    clientId: requireString(reply, 'clientId', service, 'RegisterClient'),
    clientSecret: requireString(reply, 'clientSecret', service, 'RegisterClient'),
    clientIdIssuedAt: issuedAt === undefined ? undefined : new Date(issuedAt * 1000),
    clientSecretExpiresAt: requireEpochDate(reply, 'clientSecretExpiresAt', 1000, service, 'RegisterClient'),
  };
}

export async function startDeviceAuthorization(
  ctx: AwsCallContext,
  target: ServiceTarget,
  params: { clientId: string; clientSecret: string; startUrl: string },
): Promise<DeviceAuthorization> {
  const reply = await callJson(ctx, target, { service, operation: 'StartDeviceAuthorization', method: 'POST', path: '/device_authorization', body: params });
  const op = 'StartDeviceAuthorization';
  return {
    deviceCode: requireString(reply, 'deviceCode', service, op),
    userCode: requireString(reply, 'userCode', service, op),
    verificationUri: requireString(reply, 'verificationUri', service, op),
    verificationUriComplete: optionalString(reply, 'verificationUriComplete'),
    expiresIn: requireSeconds(reply, 'expiresIn', service, op),
    interval: optionalNumber(reply, 'interval') ?? 5,
  };
}

/**
 * One CreateToken call. Polling (and its pacing) is the caller's: pending answers surface as
 * AwsServiceError with oauthError 'authorization_pending' / 'slow_down', and a 400 is never retried.
 */
export async function createToken(ctx: AwsCallContext, target: ServiceTarget, params: CreateTokenParams): Promise<TokenResult> {
  const reply = await callJson(ctx, target, { service, operation: 'CreateToken', method: 'POST', path: '/token', body: params });
  return {
    accessToken: requireString(reply, 'accessToken', service, 'CreateToken'),
    tokenType: optionalString(reply, 'tokenType'),
    expiresIn: requireSeconds(reply, 'expiresIn', service, 'CreateToken'),
    refreshToken: optionalString(reply, 'refreshToken'),
    idToken: optionalString(reply, 'idToken'),
  };
}

interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
}

/** RFC 7636 S256: challenge = base64url(sha256(verifier)). Pass `entropy` to make it deterministic. */
export function createPkcePair(entropy: Buffer = randomBytes(48)): PkcePair {
  const codeVerifier = entropy.toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

interface AuthorizeUrlParams {
  /** The OIDC endpoint (https://oidc.<region>.amazonaws.com or an override). */
  endpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: string[];
}

/** The page the browser opens in the authorization-code flow, as the AWS CLI v2 builds it. */
export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const url = new URL(params.endpoint);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/authorize`;
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    state: params.state,
    code_challenge_method: 'S256',
    scopes: (params.scopes ?? DEFAULT_SSO_SCOPES).join(' '),
    code_challenge: params.codeChallenge,
  }).toString();
  return url.toString();
}
