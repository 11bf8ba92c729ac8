// File names of the AWS CLI's caches, computed exactly as botocore does, so awsctl and the AWS
// CLI share entries (`aws sts ...` after `awsctl env` reuses the same role session, and back).
//
// - AssumeRole and AssumeRoleWithWebIdentity (botocore BaseAssumeRoleCredentialFetcher
//   ._create_cache_key): sha1 of json.dumps(args, sort_keys=True) with the DEFAULT separators
//   (", ", ": "), where args are the call's parameters in botocore's names: RoleArn plus the
//   extras the provider passed (RoleSessionName, ExternalId, SerialNumber, DurationSeconds).
//   A generated session name (none configured, or empty) is left out; a Policy string is parsed
//   so its keys get sorted too. TokenCode and WebIdentityToken are added after the key is made,
//   so they never count. `_make_file_safe` replaces ':' and '/' — a no-op on hex.
// - SSO role credentials (SSOCredentialFetcher._create_cache_key): sha1 of compact JSON
//   (separators=(',', ':')), sorted, of {roleName, accountId} + sessionName when the profile
//   uses an sso-session (a non-empty name), else startUrl.
// - SSO token (SSOTokenLoader): sha1 of the session name when there is one, else of the start URL.
// - SSO client registration (BaseSSOTokenFetcher._registration_cache_key): sha1 of
//   json.dumps({tool:"botocore", startUrl, region, scopes, session_name}, sort_keys=True), default
//   separators, with null for a missing session name or scope list.
import { sha1Hex as pureSha1Hex } from './sha1.ts';
import { pythonJsonDumps, pythonJsonLoads } from './python-json.ts';
import type { PyJson } from './python-json.ts';

// A pure SHA-1: loading node:crypto costs ~6 ms of start-up, more than the whole cache hit.
export function sha1Hex(text: string): string {
  return pureSha1Hex(text);
}

/** botocore CachedCredentialFetcher._make_file_safe (':' , the OS separator and '/' become '_'). */
export function makeFileSafe(name: string): string {
  return name.replace(/[:/\\]/g, '_');
}

/**
 * AssumeRole parameters as botocore names them. Pass a field only when botocore would: the
 * provider sets ExternalId/SerialNumber when configured (even empty), DurationSeconds only when
 * `int(duration_seconds)` succeeds, RoleSessionName when configured.
 */
export interface AssumeRoleKeyArgs {
  RoleArn: string;
  RoleSessionName?: string;
  ExternalId?: string;
  SerialNumber?: string;
  DurationSeconds?: number;
  /** The inline session policy as the JSON text given to STS. */
  Policy?: string;
  /** Anything else passed through extra_args (PolicyArns, Tags, SourceIdentity, ...). */
  [extra: string]: PyJson | undefined;
}

/** The text botocore hashes for an assume-role (or web-identity) cache entry. */
export function assumeRoleKeyText(args: AssumeRoleKeyArgs): string {
  const hashed: Record<string, PyJson | undefined> = { ...args };
  // botocore generates "botocore-session-<time>" when no (or an empty) name is configured and
  // keeps it out of the hash, since it changes every call.
  if (!args.RoleSessionName) delete hashed.RoleSessionName;
  if (typeof args.Policy === 'string') hashed.Policy = pythonJsonLoads(args.Policy);
  return pythonJsonDumps(hashed, { sortKeys: true });
}

/** ~/.aws/cli/cache/<this>.json for AssumeRole. */
export function assumeRoleCacheKey(args: AssumeRoleKeyArgs): string {
  return makeFileSafe(sha1Hex(assumeRoleKeyText(args)));
}

/** ~/.aws/cli/cache/<this>.json for AssumeRoleWithWebIdentity: only RoleArn and a configured RoleSessionName count. */
export function webIdentityCacheKey(input: { roleArn: string; roleSessionName?: string }): string {
  return assumeRoleCacheKey({ RoleArn: input.roleArn, RoleSessionName: input.roleSessionName });
}

interface SsoRoleKeyInput {
  accountId: string;
  roleName: string;
  /** The profile's sso_session; when absent or empty the start URL is used instead. */
  sessionName?: string;
  startUrl?: string;
}

export function ssoRoleKeyText(input: SsoRoleKeyInput): string {
  const args: Record<string, PyJson> = { roleName: input.roleName, accountId: input.accountId };
  if (input.sessionName) args.sessionName = input.sessionName;
  else args.startUrl = input.startUrl ?? null;
  return pythonJsonDumps(args, { sortKeys: true, compact: true });
}

/** ~/.aws/cli/cache/<this>.json for SSO GetRoleCredentials results. */
export function ssoRoleCacheKey(input: SsoRoleKeyInput): string {
  return makeFileSafe(sha1Hex(ssoRoleKeyText(input)));
}

/** ~/.aws/sso/cache/<this>.json: sha1 of the session name (when not undefined), else of the start URL. */
export function ssoTokenCacheKey(input: { sessionName?: string; startUrl?: string }): string {
  return sha1Hex(input.sessionName ?? input.startUrl ?? '');
}

export interface SsoRegistrationKeyInput {
  startUrl: string;
  region: string;
  /** sso_registration_scopes as a list; undefined becomes null as in botocore. */
  scopes?: string[];
  sessionName?: string;
}

export function ssoRegistrationKeyText(input: SsoRegistrationKeyInput): string {
  return pythonJsonDumps(
    { tool: 'botocore', startUrl: input.startUrl, region: input.region, scopes: input.scopes ?? null, session_name: input.sessionName ?? null },
    { sortKeys: true },
  );
}

/** ~/.aws/sso/cache/<this>.json holding the SSO-OIDC client registration. */
export function ssoRegistrationCacheKey(input: SsoRegistrationKeyInput): string {
  return sha1Hex(ssoRegistrationKeyText(input));
}
