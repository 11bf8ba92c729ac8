// Which profiles may hold stored keys, and the session cache entry that goes stale when the
// keys of a profile change.
import { cliCachePath } from '../cache/credential-cache.ts';
import { AwsctlError, usageError } from '../errors.ts';
import { storedSessionCacheKey } from '../resolve/sources/stored-keys.ts';
import { assertSectionName } from '../ini/edit-core.ts';
import type { Context } from '../io/context.ts';
import { profileValue } from '../plan/settings.ts';
import { KEY_STORE_SETTING, storedKeysCredentialProcess, type KeyStoreName } from '../plan/stored-keys-settings.ts';
import type { ProfileSet } from '../profile/model.ts';
import { resolveHome } from '../profile/locations.ts';

/** Settings that make a profile something other than keys: keys stored for it would never be used. */
const OTHER_SOURCES = ['role_arn', 'sso_session', 'sso_start_url', 'web_identity_token_file', 'credential_source', 'login_session'];

export function assertProfileCanHoldKeys(set: ProfileSet, profile: string): void {
  assertSectionName(profile);
  const section = set.profiles[profile];
  const other = OTHER_SOURCES.find((key) => profileValue(section, key) !== undefined);
  if (other !== undefined) {
    throw new AwsctlError(`profile ${profile}`, `it sets ${other}, so it does not use keys of its own`, {
      hint: `store the keys under a profile of their own and point source_profile at it`,
      profile,
    });
  }
  const command = profileValue(section, 'credential_process');
  if (command !== undefined && command !== storedKeysCredentialProcess(profile)) {
    throw new AwsctlError(`profile ${profile}`, 'it already has a credential_process of its own', {
      hint: `remove it first (awsctl configure unset credential_process --profile ${profile}) or use another profile name`,
      profile,
    });
  }
}

export function storeOfProfile(set: ProfileSet, profile: string): KeyStoreName | undefined {
  const value = profileValue(set.profiles[profile], KEY_STORE_SETTING);
  return value === 'keyring' || value === 'file' ? value : undefined;
}

/** Removes the cached GetSessionToken session of the profile (it was opened with keys that changed). */
export function dropCachedSession(
  ctx: Pick<Context, 'env' | 'platform' | 'homedir' | 'fs' | 'debug'>,
  set: ProfileSet,
  profile: string,
  store: KeyStoreName,
): void {
  const home = resolveHome(ctx.env, ctx.platform, ctx.homedir());
  if (home === undefined) return;
  const section = set.profiles[profile];
  const duration = profileValue(section, 'awsctl_session_duration');
  const key = storedSessionCacheKey({
    profile,
    store,
    mfaSerial: profileValue(section, 'mfa_serial'),
    sessionDurationSeconds: duration !== undefined ? Number(duration) : undefined,
  });
  const path = cliCachePath(home, key);
  if (ctx.fs.stat(path)) {
    ctx.fs.remove(path);
    ctx.debug(`keys: removed the cached session of profile ${profile}`);
  }
}

export function storeFlagError(value: unknown): AwsctlError {
  return usageError(`--store ${String(value)}`, 'the store is keyring or file', 'use --store keyring (the OS keyring) or --store file (an encrypted file)');
}
