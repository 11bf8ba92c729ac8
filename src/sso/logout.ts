// `awsctl sso logout`: sign out at the portal (Logout with the cached access token; a 401 or
// any other refusal only means the token was already dead) and remove what the sign-in left:
// the token file(s) and the SSO role credentials cached in ~/.aws/cli/cache.
// Without --sso-session it does what `aws sso logout` does: every token file in
// ~/.aws/sso/cache (files with an accessToken; client registrations stay) and every role
// cache entry with ProviderType "sso". With a session, only that session's token file and the
// role entries of the profiles that use that session — their file names are computed from
// (account, role, session) as botocore does, since a hash cannot be read backwards.
import { join } from 'node:path';
import { logout as portalLogout } from '../aws/sso-portal.ts';
import { cliCacheDir, cliCachePath } from '../cache/credential-cache.ts';
import { ssoRoleCacheKey } from '../cache/cli-cache-key.ts';
import { ssoCacheDir } from '../cache/sso-token-cache.ts';
import type { Context, FileSystem } from '../io/context.ts';
import type { ProfileSet } from '../profile/model.ts';
import { profileValue } from '../plan/settings.ts';
import type { EndpointContext } from '../plan/aws-endpoints.ts';
import { portalTarget } from './setup.ts';
import type { SsoSessionConfig } from './session.ts';

interface LogoutReport {
  tokenFiles: string[];
  roleCacheFiles: string[];
  /** Logout calls the portal accepted. */
  loggedOut: number;
  /** Why a Logout call failed (never with the token in it). */
  logoutFailures: string[];
}

function readJson(fs: FileSystem, path: string): Record<string, unknown> | undefined {
  try {
    const bytes = fs.readFile(path);
    const value: unknown = bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jsonFiles(fs: FileSystem, dir: string): string[] {
  try {
    return fs
      .readdir(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** Pure: the ~/.aws/cli/cache keys of the SSO role credentials of every profile that uses `session`. */
export function roleCacheKeysForSession(set: ProfileSet, session: Pick<SsoSessionConfig, 'sessionName' | 'startUrl'>): string[] {
  const keys = new Set<string>();
  for (const section of Object.values(set.profiles)) {
    const accountId = profileValue(section, 'sso_account_id');
    const roleName = profileValue(section, 'sso_role_name');
    if (!accountId || !roleName) continue;
    const sessionName = profileValue(section, 'sso_session');
    if (session.sessionName !== undefined ? sessionName === session.sessionName : !sessionName && profileValue(section, 'sso_start_url') === session.startUrl) {
      keys.add(ssoRoleCacheKey({ accountId, roleName, sessionName, startUrl: session.startUrl }));
    }
  }
  return [...keys];
}

export interface LogoutRequest {
  home: string;
  endpoints: EndpointContext;
  /** Only these token files (one session); undefined: every token file in the cache. */
  tokenPaths?: string[];
  /** Only these role cache keys; undefined: every entry with ProviderType "sso". */
  roleCacheKeys?: string[];
}

async function signOut(ctx: Context, endpoints: EndpointContext, token: Record<string, unknown>, report: LogoutReport): Promise<void> {
  const region = typeof token.region === 'string' ? token.region : undefined;
  if (!region) return;
  try {
    // Few attempts: a sign-out that fails is reported, and the files go either way.
    await portalLogout(ctx, { ...portalTarget(endpoints, region), retry: { mode: 'standard', maxAttempts: 2 } }, { accessToken: String(token.accessToken) });
    report.loggedOut++;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 401) report.logoutFailures.push(error instanceof Error ? error.message : String(error));
  }
}

export async function logoutSessions(ctx: Context, request: LogoutRequest): Promise<LogoutReport> {
  const report: LogoutReport = { tokenFiles: [], roleCacheFiles: [], loggedOut: 0, logoutFailures: [] };
  for (const path of request.tokenPaths ?? jsonFiles(ctx.fs, ssoCacheDir(request.home))) {
    const token = readJson(ctx.fs, path);
    if (!token || typeof token.accessToken !== 'string') continue;
    await signOut(ctx, request.endpoints, token, report);
    ctx.fs.remove(path);
    report.tokenFiles.push(path);
  }
  const rolePaths = request.roleCacheKeys?.map((key) => cliCachePath(request.home, key)) ?? jsonFiles(ctx.fs, cliCacheDir(request.home));
  for (const path of rolePaths) {
    // Only what an SSO sign-in produced: assume-role entries in the same folder stay.
    if (readJson(ctx.fs, path)?.ProviderType !== 'sso') continue;
    ctx.fs.remove(path);
    report.roleCacheFiles.push(path);
  }
  return report;
}
