// What `awsctl explain` shows for a login session: its cache file, when its keys expire, whether
// a refresh is due, and the region a refresh would go to. Reads the file; never the network.
import { LOGIN_REFRESH_WINDOW_SECONDS, loginSessionPath, readLoginSession } from '../cache/login-session-cache.ts';
import { loginCacheDir } from '../profile/locations.ts';
import { refreshRegion } from '../resolve/sources/login-session.ts';
import type { Context } from '../io/context.ts';
import type { LoginSessionView } from '../plan/explain.ts';
import { resolveRegion } from '../plan/region.ts';
import { profileValue } from '../plan/settings.ts';
import type { BaseSource } from '../plan/types.ts';
import type { LoadedProfiles } from '../profile/load.ts';

type LoginBase = Extract<BaseSource, { kind: 'login-session' }>;

export function loginSessionViewer(ctx: Context, files: LoadedProfiles, selected: string): (base: LoginBase) => LoginSessionView {
  const runRegion = resolveRegion({ env: ctx.env, profile: files.set.profiles[selected] }).region;
  return (base) => {
    const dir = loginCacheDir(ctx.env, files.locations.home, ctx.platform);
    const profileRegion = profileValue(files.set.profiles[base.profile], 'region');
    if (dir === undefined)
      return { file: '(no home directory: set HOME or AWS_LOGIN_CACHE_DIRECTORY)', state: 'missing', ...region(refreshRegion({}, profileRegion, runRegion)) };
    const file = loginSessionPath(dir, base.loginSessionArn);
    const read = readLoginSession(ctx.fs, file);
    if (read.kind === 'missing') return { file, state: 'missing (sign in with awsctl login)', ...region(refreshRegion({}, profileRegion, runRegion)) };
    if (read.kind === 'invalid') return { file, state: `unusable: ${read.why}`, ...region(refreshRegion({}, profileRegion, runRegion)) };
    const left = (read.expiresAt.getTime() - ctx.now().getTime()) / 1000;
    const state = left > LOGIN_REFRESH_WINDOW_SECONDS ? 'valid' : 'refresh due';
    return { file, expiresAt: read.file.accessToken.expiresAt, state, ...region(refreshRegion(read.file, profileRegion, runRegion)) };
  };
}

const region = (value: string | undefined): { refreshRegion?: string } => (value === undefined ? {} : { refreshRegion: value });
