// ~/.aws/sso/cache: the SSO access token and the SSO-OIDC client registration, in the AWS CLI
// v2 format, so `aws sso login` and `awsctl login` share one sign-in.
//   token file  <sha1(session name, or start URL for legacy profiles)>.json:
//     {"startUrl", "region", "accessToken", "expiresAt": "2026-11-21T12:00:00Z",
//      "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"}
//   registration <sha1(json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys))>.json:
//     {"clientId", "clientSecret", "expiresAt", "scopes"?, "grantTypes"?}
// Refresh rule (botocore SSOTokenProvider, and the cross-SDK cases): a token inside the refresh
// window is refreshed with CreateToken(grant_type=refresh_token) when clientId, clientSecret and
// refreshToken are present and the registration has not expired; the whole file is written
// back with the new accessToken/expiresAt and the new refreshToken (dropped when the response
// has none). A refresh that fails leaves a still-valid token in use; an expired token that
// cannot be refreshed is an error that says to log in again.
import { dirname, join } from 'node:path';
import { AwsctlError } from '../errors.ts';
import type { FileSystem } from '../io/context.ts';
import { PRIVATE_FOLDER_HINT, privateFolderProblem, writeSecretFile } from '../io/private-folder.ts';
import { formatUtcZ, MAX_CACHE_ENTRY_BYTES, parseCacheTimestamp } from './credential-cache.ts';
import { pythonJsonDumps } from './python-json.ts';
import type { PyJson } from './python-json.ts';
import { ssoRegistrationCacheKey, ssoTokenCacheKey } from './cli-cache-key.ts';
import type { SsoRegistrationKeyInput } from './cli-cache-key.ts';

export interface SsoToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  [other: string]: PyJson | undefined;
}

export interface SsoRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

export interface RefreshRequest {
  region: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** SSO-OIDC CreateToken response fields that matter here. */
export interface RefreshResponse {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
  tokenType?: string;
}

/** Performs CreateToken with grant_type=refresh_token; written elsewhere (src/aws), injected here. */
type SsoTokenRefresher = (request: RefreshRequest) => Promise<RefreshResponse>;

export function ssoCacheDir(home: string): string {
  return join(home, '.aws', 'sso', 'cache');
}

export function ssoTokenPath(home: string, id: { sessionName?: string; startUrl?: string }): string {
  return join(ssoCacheDir(home), `${ssoTokenCacheKey(id)}.json`);
}

export function ssoRegistrationPath(home: string, input: SsoRegistrationKeyInput): string {
  return join(ssoCacheDir(home), `${ssoRegistrationCacheKey(input)}.json`);
}

function readJsonObject(fs: FileSystem, path: string): Record<string, unknown> | undefined {
  try {
    const bytes = fs.readFile(path, { maxBytes: MAX_CACHE_ENTRY_BYTES });
    if (bytes === undefined) return undefined;
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A token file is usable only with a string accessToken and a parseable expiresAt (botocore: "Token ... is invalid"). */
export function asSsoToken(value: Record<string, unknown> | undefined): SsoToken | undefined {
  if (!value || typeof value.accessToken !== 'string' || !value.accessToken || parseCacheTimestamp(value.expiresAt) === undefined) return undefined;
  return value as SsoToken;
}

export function readSsoToken(fs: FileSystem, path: string): SsoToken | undefined {
  return asSsoToken(readJsonObject(fs, path));
}

function writeJson(fs: FileSystem, path: string, value: Record<string, PyJson | undefined>): void {
  writeSecretFile(fs, path, pythonJsonDumps(value));
}

export function writeSsoToken(fs: FileSystem, path: string, token: SsoToken): void {
  writeJson(fs, path, token);
}

export function readSsoRegistration(fs: FileSystem, path: string): SsoRegistration | undefined {
  const value = readJsonObject(fs, path);
  if (!value || typeof value.clientId !== 'string' || typeof value.clientSecret !== 'string') return undefined;
  if (parseCacheTimestamp(value.expiresAt) === undefined) return undefined;
  return value as unknown as SsoRegistration;
}

export function writeSsoRegistration(fs: FileSystem, path: string, registration: SsoRegistration): void {
  writeJson(fs, path, { ...registration });
}

/** Why a token cannot be refreshed, or undefined when it can. */
export function refreshBlocker(token: SsoToken, now: Date): string | undefined {
  const missing = (['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'] as const).filter((k) => typeof token[k] !== 'string' || !token[k]);
  if (missing.length > 0) return `it has no ${missing.join(', ')} to refresh with`;
  const registrationEnd = parseCacheTimestamp(token.registrationExpiresAt);
  if (!registrationEnd || registrationEnd.getTime() <= now.getTime()) return 'its client registration has expired';
  return undefined;
}

/** The file contents after a successful refresh (pure). */
export function applyRefresh(token: SsoToken, response: RefreshResponse, now: Date): SsoToken {
  const next: SsoToken = { ...token, accessToken: response.accessToken, expiresAt: formatUtcZ(new Date(now.getTime() + response.expiresIn * 1000)) };
  if (response.refreshToken) next.refreshToken = response.refreshToken;
  else delete next.refreshToken;
  return next;
}

/** botocore refreshes an SSO token when fewer than 15 minutes remain, whatever the role credential window. */
const SSO_TOKEN_REFRESH_WINDOW_SECONDS = 900;

interface LoadSsoTokenOptions {
  fs: FileSystem;
  path: string;
  /** For messages: the sso-session name, or the start URL of a legacy profile. */
  name: string;
  now: () => Date;
  /** Refresh when fewer seconds than this remain (default: botocore's 15 minutes). */
  refreshWindowSeconds?: number;
  refresh?: SsoTokenRefresher;
  /** The configured sso_region; the token's own "region" is the fallback. */
  region?: string;
  /** Serializes refreshes across processes (e.g. (fn) => withLock(lockPath, fn)); re-reads inside. */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** What to run to sign in again, for the error hint. */
  loginHint?: string;
  debug?: (message: string) => void;
}

export interface LoadedSsoToken {
  accessToken: string;
  expiresAt: Date;
  refreshed: boolean;
}

function loaded(token: SsoToken, refreshed: boolean): LoadedSsoToken {
  return { accessToken: token.accessToken, expiresAt: parseCacheTimestamp(token.expiresAt)!, refreshed };
}

function secondsLeft(token: SsoToken, now: Date): number {
  return (parseCacheTimestamp(token.expiresAt)!.getTime() - now.getTime()) / 1000;
}

function expiredError(options: LoadSsoTokenOptions, token: SsoToken, reason: string): AwsctlError {
  return new AwsctlError(`SSO session ${options.name}`, `the cached token expired at ${token.expiresAt} and ${reason}`, {
    hint: options.loginHint ?? `sign in again with: awsctl login`,
  });
}

async function refreshOnce(options: LoadSsoTokenOptions, token: SsoToken): Promise<LoadedSsoToken> {
  const now = options.now();
  const window = options.refreshWindowSeconds ?? SSO_TOKEN_REFRESH_WINDOW_SECONDS;
  if (secondsLeft(token, now) >= window) return loaded(token, false);
  const blocker = options.refresh ? refreshBlocker(token, now) : 'no refresher is available';
  if (blocker !== undefined) {
    if (secondsLeft(token, now) > 0) return loaded(token, false);
    throw expiredError(options, token, `cannot be refreshed: ${blocker}`);
  }
  const region = options.region ?? token.region;
  try {
    if (!region) throw new Error('no SSO region is known');
    const response = await options.refresh!({ region, clientId: token.clientId!, clientSecret: token.clientSecret!, refreshToken: token.refreshToken! });
    const next = applyRefresh(token, response, options.now());
    writeSsoToken(options.fs, options.path, next);
    options.debug?.(`sso: refreshed the access token for ${options.name}; it expires at ${next.expiresAt}`);
    return loaded(next, true);
  } catch (error) {
    if (secondsLeft(token, options.now()) > 0) {
      options.debug?.(`sso: refresh for ${options.name} failed, the current token is still valid: ${error instanceof Error ? error.message : String(error)}`);
      return loaded(token, false);
    }
    const why = error instanceof AwsctlError ? error.why : error instanceof Error ? error.message : String(error);
    throw expiredError(options, token, `refreshing it failed: ${why}`);
  }
}

/** Loads the cached token for a session, refreshing it when due and possible. */
export async function loadSsoToken(options: LoadSsoTokenOptions): Promise<LoadedSsoToken> {
  // A token from a folder others can write may be theirs: its credentials would be theirs too.
  const unsafe = privateFolderProblem(options.fs, dirname(options.path));
  if (unsafe) throw new AwsctlError(`SSO session ${options.name}`, `the token folder ${unsafe}`, { hint: PRIVATE_FOLDER_HINT });
  const first = readSsoToken(options.fs, options.path);
  if (!first) {
    throw new AwsctlError(`SSO session ${options.name}`, 'there is no cached sign-in (or the cached token file is unreadable)', {
      hint: options.loginHint ?? 'sign in with: awsctl login',
    });
  }
  const now = options.now();
  if (secondsLeft(first, now) >= (options.refreshWindowSeconds ?? SSO_TOKEN_REFRESH_WINDOW_SECONDS) || !options.lock) return refreshOnce(options, first);
  // Another process may have refreshed while we waited; a used refresh token may be single-use.
  return options.lock(async () => refreshOnce(options, readSsoToken(options.fs, options.path) ?? first));
}
