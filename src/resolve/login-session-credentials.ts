// Credentials from an `aws login` session (a profile's `login_session`), as botocore's
// LoginProvider and the JS SDK's fromLoginCredentials give them, with two repairs:
// - refresh ONCE across processes: when 5 minutes or less remain, take the cache lock, re-read
//   the file (another process may have refreshed it, and a used refresh token is gone), refresh
//   only if still needed, and write atomically. The AWS CLI writes in place without a lock, so
//   concurrent refreshes rotate each other's refresh token away;
// - refresh in the region of the sign-in (the caller decides: signInRegion, else the profile's
//   region, else the resolved one), since the service refuses any other.
// A failed refresh while the current keys are still valid keeps them (as the JS SDK does);
// a refusal that means "sign in again" never does. Never opens a browser.
import type { KeyObject } from 'node:crypto';
import type { AwsCredentials } from '../aws/types.ts';
import type { RefreshedKeys } from '../cache/login-session-cache.ts';
import { applyLoginRefresh, LOGIN_REFRESH_WINDOW_SECONDS, readLoginSession, writeLoginSession, type LoginSessionFile } from '../cache/login-session-cache.ts';
import { parseCacheTimestamp } from '../cache/credential-cache.ts';
import { AwsctlError } from '../errors.ts';
import type { FileSystem } from '../io/context.ts';

interface LoginSessionRequest {
  fs: FileSystem;
  path: string;
  sessionArn: string;
  /** The profile holding login_session, for messages. */
  profile: string;
  now: () => Date;
  /** Makes the token call for this file with its key (region and endpoint are the caller's). */
  refresh: (file: LoginSessionFile, key: KeyObject) => Promise<RefreshedKeys>;
  /** Serializes refreshes across processes; the file is re-read inside. */
  lock: <T>(fn: () => Promise<T>) => Promise<T>;
  debug?: (message: string) => void;
}

interface LoginSessionCredentials {
  credentials: AwsCredentials;
  refreshed: boolean;
}

export const loginHint = (profile: string): string => `sign in again: \`awsctl login --profile ${profile}\``;

function what(request: LoginSessionRequest): string {
  return `login session of profile ${request.profile}`;
}

function toCredentials(file: LoginSessionFile, expiresAt: Date): AwsCredentials {
  const { accessKeyId, secretAccessKey, sessionToken, accountId } = file.accessToken;
  return { accessKeyId, secretAccessKey, sessionToken, accountId, expiration: expiresAt };
}

function load(request: LoginSessionRequest): { file: LoginSessionFile; expiresAt: Date } {
  const read = readLoginSession(request.fs, request.path);
  if (read.kind === 'missing') {
    throw new AwsctlError(what(request), `there is no cached sign-in for ${request.sessionArn} (${request.path})`, {
      hint: loginHint(request.profile),
      profile: request.profile,
    });
  }
  if (read.kind === 'invalid') {
    throw new AwsctlError(what(request), `the cached sign-in ${request.path} cannot be used: ${read.why}`, {
      hint: loginHint(request.profile),
      profile: request.profile,
    });
  }
  return read;
}

const secondsLeft = (expiresAt: Date, now: Date): number => (expiresAt.getTime() - now.getTime()) / 1000;

/** The service's refusal in words, or undefined for errors worth riding out with still-valid keys. */
function refusal(request: LoginSessionRequest, error: unknown): AwsctlError | undefined {
  const reason = (error as { oauthError?: unknown } | undefined)?.oauthError;
  const code = (error as { code?: unknown } | undefined)?.code;
  const profile = request.profile;
  if (reason === 'TOKEN_EXPIRED')
    return new AwsctlError(what(request), 'the session has ended (sign-in sessions last up to 12 hours)', { hint: loginHint(profile), profile, cause: error });
  if (reason === 'USER_CREDENTIALS_CHANGED')
    return new AwsctlError(what(request), 'the session ended because the password or credentials behind it changed', {
      hint: loginHint(profile),
      profile,
      cause: error,
    });
  if (reason === 'INSUFFICIENT_PERMISSIONS') {
    return new AwsctlError(what(request), 'the signed-in identity may not refresh its session (signin:CreateOAuth2Token is not allowed)', {
      hint: 'attach the AWS managed policy SignInLocalDevelopmentAccess (or allow signin:CreateOAuth2Token), then sign in again',
      profile,
      cause: error,
    });
  }
  if (code === 'AccessDeniedException')
    return new AwsctlError(what(request), `the sign-in service refused the refresh (${String(reason ?? code)})`, {
      hint: loginHint(profile),
      profile,
      cause: error,
    });
  return undefined;
}

async function refreshIfStillNeeded(request: LoginSessionRequest): Promise<LoginSessionCredentials> {
  const { file, expiresAt } = load(request);
  if (secondsLeft(expiresAt, request.now()) > LOGIN_REFRESH_WINDOW_SECONDS) {
    request.debug?.(`login: another process refreshed ${request.path} meanwhile`);
    return { credentials: toCredentials(file, expiresAt), refreshed: false };
  }
  const { readDpopKey } = await import('../aws/dpop.ts');
  let keys: RefreshedKeys;
  try {
    keys = await request.refresh(file, readDpopKey(file.dpopKey));
  } catch (error) {
    const refused = refusal(request, error);
    if (refused) throw refused;
    if (secondsLeft(expiresAt, request.now()) > 0) {
      request.debug?.(
        `login: refresh failed, the current keys stay valid until ${expiresAt.toISOString()}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { credentials: toCredentials(file, expiresAt), refreshed: false };
    }
    const why = error instanceof AwsctlError ? `${error.what}: ${error.why}` : error instanceof Error ? error.message : String(error);
    throw new AwsctlError(what(request), `the access keys expired at ${file.accessToken.expiresAt} and refreshing them failed: ${why}`, {
      hint: error instanceof AwsctlError && error.hint ? error.hint : loginHint(request.profile),
      profile: request.profile,
      cause: error,
    });
  }
  const next = applyLoginRefresh(file, keys, request.now());
  writeLoginSession(request.fs, request.path, next);
  const nextExpiry = parseCacheTimestamp(next.accessToken.expiresAt)!;
  request.debug?.(`login: refreshed ${request.path}; the keys expire at ${next.accessToken.expiresAt}`);
  return { credentials: toCredentials(next, nextExpiry), refreshed: true };
}

/** The session's current keys, refreshed first when they are within 5 minutes of expiry. */
export async function loginSessionCredentials(request: LoginSessionRequest): Promise<LoginSessionCredentials> {
  const { file, expiresAt } = load(request);
  if (secondsLeft(expiresAt, request.now()) > LOGIN_REFRESH_WINDOW_SECONDS) return { credentials: toCredentials(file, expiresAt), refreshed: false };
  return request.lock(() => refreshIfStillNeeded(request));
}
