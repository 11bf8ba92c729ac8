// What `awsctl cache clear` removes from ~/.aws/cli/cache, a folder awsctl SHARES with the AWS
// CLI (and other tools may drop files there too), so nothing is removed on a guess:
//   - without --profile: every `*.json` that reads as a credential cache — a JSON object whose
//     `Credentials` holds AccessKeyId and Expiration (the AWS CLI's assume-role, web-identity and
//     SSO role entries, awsctl's MFA sessions) — plus awsctl's own `awsctl-identity-*.json`
//     (account lookups for bare role names). Anything else (other JSON, lock files, folders) stays.
//   - with --profile P: only the entries P's plan would use: each role hop's AWS CLI key, the SSO
//     role entry or the web-identity entry of its source, and the MFA session `assume` opens for
//     its static keys (awsctl-session-…), when those files exist.
// SSO sign-in tokens (~/.aws/sso/cache) are not credentials caches here: `awsctl sso logout`.
import { ssoRoleCacheKey, webIdentityCacheKey } from '../cache/cli-cache-key.ts';
import { hopCacheKey } from '../resolve/hops.ts';
import { profileValue } from '../plan/settings.ts';
import type { ChainPlan, CredentialChain } from '../plan/types.ts';
import type { ProfileSet } from '../profile/model.ts';
import { mfaSessionCacheKey } from '../resolve/mfa-session.ts';
import { storedSessionCacheKey } from '../resolve/sources/stored-keys.ts';

/** A file name (in the cache folder) and its text: is it a cache entry awsctl may remove? Pure. */
export function isRemovableEntry(name: string, text: string): boolean {
  if (!name.endsWith('.json')) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  if (name.startsWith('awsctl-identity-')) return typeof (parsed as { Account?: unknown }).Account === 'string';
  const credentials = (parsed as { Credentials?: unknown }).Credentials;
  if (typeof credentials !== 'object' || credentials === null) return false;
  const { AccessKeyId, Expiration } = credentials as Record<string, unknown>;
  return typeof AccessKeyId === 'string' && typeof Expiration === 'string';
}

function chainKeys(chain: CredentialChain, profiles: ProfileSet): string[] {
  const keys = chain.hops.map((hop) => hopCacheKey(hop));
  const base = chain.base;
  if (base.kind === 'sso') {
    keys.push(
      ssoRoleCacheKey({
        accountId: base.accountId,
        roleName: base.roleName,
        startUrl: base.startUrl,
        ...(base.ssoSession ? { sessionName: base.ssoSession } : {}),
      }),
    );
  } else if (base.kind === 'web-identity') {
    keys.push(webIdentityCacheKey({ roleArn: base.roleArn, ...(base.roleSessionName ? { roleSessionName: base.roleSessionName } : {}) }));
  } else if (base.kind === 'static') {
    const serial = profileValue(profiles.profiles[base.profile], 'mfa_serial');
    if (serial !== undefined) keys.push(mfaSessionCacheKey(base.keys.accessKeyId, serial));
  } else if (base.kind === 'stored-keys') {
    keys.push(storedSessionCacheKey(base));
  }
  return keys;
}

/** Cache keys (file names without .json) the plan's claiming steps would use. Pure. */
export function planCacheKeys(plan: ChainPlan, profiles: ProfileSet): string[] {
  const keys = new Set<string>();
  for (const step of plan.steps) {
    if (step.status === 'try') for (const key of chainKeys(step.chain, profiles)) keys.add(key);
  }
  return [...keys];
}
