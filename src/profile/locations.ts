// Where ~/.aws/config and ~/.aws/credentials live and which profile is selected: a pure
// function of the environment, the platform and the runtime's own home lookup, so the
// cross-SDK file-location suites can run every platform's cases on any host.
import type { Env } from '../io/context.ts';
import { selectProfile } from './select-profile.ts';

export interface FileLocations {
  /** undefined only when no home directory is known and AWS_CONFIG_FILE is unset. */
  configFile: string | undefined;
  credentialsFile: string | undefined;
  profileName: string;
  /** The home directory used for the defaults and for `~` (undefined when none is known). */
  home: string | undefined;
}

/** 'win32' (Node) and 'windows' (the conformance data) both mean Windows. */
function isWindows(platform: string): boolean {
  return platform === 'win32' || platform === 'windows';
}

/** An environment value, with empty or whitespace-only values counting as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** HOME everywhere; on Windows then USERPROFILE, then HOMEDRIVE+HOMEPATH; then the runtime's own lookup. */
export function resolveHome(env: Env, platform: string, languageHome: string | undefined): string | undefined {
  const home = envValue(env, 'HOME');
  if (home) return home;
  if (isWindows(platform)) {
    const profile = envValue(env, 'USERPROFILE');
    if (profile) return profile;
    const drive = envValue(env, 'HOMEDRIVE');
    const path = envValue(env, 'HOMEPATH');
    if (drive && path) return drive + path;
  }
  return languageHome === undefined || languageHome.trim() === '' ? undefined : languageHome;
}

function joinPath(platform: string, base: string, ...parts: string[]): string {
  const sep = isWindows(platform) ? '\\' : '/';
  const trimmed = base.endsWith(sep) || (isWindows(platform) && base.endsWith('/')) ? base.slice(0, -1) : base;
  return [trimmed, ...parts].join(sep);
}

/** Expands a leading `~/` (or `~\` on Windows) to the home directory; anything else is kept verbatim. */
export function expandHome(path: string, home: string | undefined, platform: string): string {
  if (home === undefined) return path;
  const tildeSlash = path.startsWith('~/') || (isWindows(platform) && path.startsWith('~\\'));
  return tildeSlash ? joinPath(platform, home, path.slice(2)) : path;
}

/** The selected profile's name: the one rule of select-profile.ts. */
export function selectProfileName(env: Env, profileFlag?: string): string {
  return selectProfile(profileFlag, env).name;
}

export function resolveFileLocations(env: Env, platform: string, languageHome: string | undefined, profileFlag?: string): FileLocations {
  const home = resolveHome(env, platform, languageHome);
  const locate = (variable: string, file: string): string | undefined => {
    const override = envValue(env, variable);
    if (override !== undefined) return expandHome(override, home, platform);
    return home === undefined ? undefined : joinPath(platform, home, '.aws', file);
  };
  return {
    configFile: locate('AWS_CONFIG_FILE', 'config'),
    credentialsFile: locate('AWS_SHARED_CREDENTIALS_FILE', 'credentials'),
    profileName: selectProfileName(env, profileFlag),
    home,
  };
}

/** The cache folder: AWS_LOGIN_CACHE_DIRECTORY (with `~`), else ~/.aws/login/cache; undefined without a home. */
export function loginCacheDir(env: Env, home: string | undefined, platform: string): string | undefined {
  const override = env.AWS_LOGIN_CACHE_DIRECTORY;
  if (override !== undefined && override.trim() !== '') return expandHome(override.trim(), home, platform);
  return home === undefined ? undefined : joinPath(platform, home, '.aws', 'login', 'cache');
}
