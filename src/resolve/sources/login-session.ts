// login_session profiles (`aws login` console sessions): the session file in the login cache,
// refreshed with a DPoP-signed token call in the region of the sign-in, once across processes
// (src/resolve/login-session-credentials.ts holds the rules; this wires in the run's files, region,
// endpoints, retries and the cache lock).
import type { AwsCredentials } from '../../aws/types.ts';
import { lockPathFor, withLock } from '../../cache/lock.ts';
import { loginSessionPath, type LoginSessionFile } from '../../cache/login-session-cache.ts';
import { loginCacheDir } from '../../profile/locations.ts';
import { AwsctlError } from '../../errors.ts';
import { loginHint, loginSessionCredentials } from '../login-session-credentials.ts';
import { profileValue } from '../../plan/settings.ts';
import type { BaseSource } from '../../plan/types.ts';
import { serviceTarget, type RunState } from '../state.ts';

type LoginSession = Extract<BaseSource, { kind: 'login-session' }>;

/** Where a session is refreshed: the region it was signed in to, else the profile's, else the run's. */
export function refreshRegion(
  file: Pick<LoginSessionFile, 'signInRegion'>,
  profileRegion: string | undefined,
  runRegion: string | undefined,
): string | undefined {
  const recorded = typeof file.signInRegion === 'string' && file.signInRegion.trim() !== '' ? file.signInRegion.trim() : undefined;
  return recorded ?? profileRegion ?? runRegion;
}

function loginSessionFilePath(state: Pick<RunState, 'ctx' | 'home'>, base: LoginSession): string {
  const dir = loginCacheDir(state.ctx.env, state.home, state.ctx.platform);
  if (dir === undefined) {
    throw new AwsctlError(`profile ${base.profile}`, 'no home directory is known, so the login cache (~/.aws/login/cache) cannot be found', {
      hint: 'set HOME or AWS_LOGIN_CACHE_DIRECTORY',
      profile: base.profile,
    });
  }
  return loginSessionPath(dir, base.loginSessionArn);
}

/** Runs `fn` holding the cross-process lock for the session file at `path`. */
type SessionLock = <T>(path: string, fn: () => Promise<T>) => Promise<T>;

const fileLock: SessionLock = (path, fn) => withLock(lockPathFor(path), fn);

export async function loginSessionSource(state: RunState, base: LoginSession, lock: SessionLock = fileLock): Promise<AwsCredentials> {
  const { ctx } = state;
  const path = loginSessionFilePath(state, base);
  const profileRegion = profileValue(state.profiles.profiles[base.profile], 'region');
  const result = await loginSessionCredentials({
    fs: ctx.fs,
    path,
    sessionArn: base.loginSessionArn,
    profile: base.profile,
    now: () => ctx.now(),
    lock: (fn) => lock(path, fn),
    debug: (message) => ctx.debug(message),
    refresh: async (file, key) => {
      const region = refreshRegion(file, profileRegion, state.region);
      if (region === undefined) {
        throw new AwsctlError(
          `login session of profile ${base.profile}`,
          'no region is known to refresh it in (the session file records none, and no region is configured)',
          { hint: `set region in profile ${base.profile}, or ${loginHint(base.profile)}`, profile: base.profile },
        );
      }
      const { resolveSigninEndpoint } = await import('../../plan/signin-endpoint.ts');
      const endpoint = resolveSigninEndpoint(region, state.endpointContext);
      ctx.debug(`login: refreshing the session of profile ${base.profile} in ${region} at ${endpoint.url} (${endpoint.source})`);
      const { createOAuth2Token } = await import('../../aws/signin.ts');
      try {
        return await createOAuth2Token(ctx, await serviceTarget(state, endpoint.url), key, {
          grantType: 'refresh_token',
          clientId: file.clientId,
          refreshToken: file.refreshToken,
        });
      } catch (error) {
        // What the service says to a refresh outside the region of the sign-in (the AWS CLI's most reported failure).
        if ((error as { oauthError?: unknown }).oauthError !== 'INVALID_REQUEST') throw error;
        throw new AwsctlError('signin:CreateOAuth2Token', `the sign-in service in ${region} refused the refresh (INVALID_REQUEST)`, {
          hint: `a session refreshes only in the region it was signed in to; if that is not ${region}, set region in profile ${base.profile} to it, or ${loginHint(base.profile)}`,
          cause: error,
        });
      }
    },
  });
  ctx.debug(`login: using the session in ${path}, valid until ${result.credentials.expiration?.toISOString()}${result.refreshed ? ' (just refreshed)' : ''}`);
  return result.credentials;
}
