// The cheap half of a login_session source: keys from the session file while more than 5
// minutes remain. Statically imported, so the start-up fast path (src/cli/fast-*.ts) answers a
// valid session itself; anything else (no file, a refresh due) goes to login-session.ts, which
// on the fast path means a hand-over to the full CLI.
import type { AwsCredentials } from '../../aws/types.ts';
import { LOGIN_REFRESH_WINDOW_SECONDS, loginSessionPath, readLoginSession } from '../../cache/login-session-cache.ts';
import { loginCacheDir } from '../../profile/locations.ts';
import type { BaseSource } from '../../plan/types.ts';
import type { RunState } from '../state.ts';

export function validCachedLoginSession(
  state: Pick<RunState, 'ctx' | 'home'>,
  base: Extract<BaseSource, { kind: 'login-session' }>,
): AwsCredentials | undefined {
  const dir = loginCacheDir(state.ctx.env, state.home, state.ctx.platform);
  if (dir === undefined) return undefined;
  const read = readLoginSession(state.ctx.fs, loginSessionPath(dir, base.loginSessionArn));
  if (read.kind !== 'ok' || (read.expiresAt.getTime() - state.ctx.now().getTime()) / 1000 <= LOGIN_REFRESH_WINDOW_SECONDS) return undefined;
  state.ctx.debug(`login: using the cached session of profile ${base.profile}, valid until ${read.expiresAt.toISOString()}`);
  const { accessKeyId, secretAccessKey, sessionToken, accountId } = read.file.accessToken;
  return { accessKeyId, secretAccessKey, sessionToken, accountId, expiration: read.expiresAt };
}
