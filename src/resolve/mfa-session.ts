// The aws-vault pattern for `awsctl assume`: long-term keys whose profile names an MFA device
// get ONE MFA session (sts:GetSessionToken with SerialNumber + TokenCode), cached, and every
// role built on those keys is assumed with the session instead of asking for a code again.
//
// When it applies (all must hold; `mfaSessionDecision` checks them and says why not):
//   1. the --profile resolves through its profile settings (not environment keys) to a chain
//      whose base is static keys WITHOUT aws_session_token (GetSessionToken needs an IAM user's
//      long-term keys);
//   2. that static source profile sets mfa_serial (the device the session is opened with);
//   3. the first role assumed with the session (the profile's first role, else the first role
//      argument) does not ask for DurationSeconds > 3600: a role assumed with session
//      credentials is limited to 1 hour (role chaining rules), so STS would refuse it. Then
//      awsctl assumes directly with the long-term keys, and each role's own mfa_serial is used
//      as the AWS CLI would.
// Every role whose mfa_serial is the session's device is then assumed WITHOUT SerialNumber/
// TokenCode (a code is single-use, and the session already carries MFA:
// aws:MultiFactorAuthPresent is true for credentials obtained with MFA). So the role's trust
// policy must accept MFA from a session, as the usual `"Bool": {"aws:MultiFactorAuthPresent":
// "true"}` condition does. A role naming another device still asks for that device's code.
//
// Cache: ~/.aws/cli/cache/awsctl-session-<sha1 hex of "<access key id>:<mfa serial>">.json,
// 0600 in a 0700 folder, written atomically under the same lock as every entry, in the AWS CLI's
// JSON layout ({"Credentials": {AccessKeyId, SecretAccessKey, SessionToken, Expiration}}). The
// AWS CLI never caches GetSessionToken, so the `awsctl-session-` prefix keeps the name apart from
// its entries. The session lasts STS's default for GetSessionToken (12 hours) and is refreshed,
// with one new question, when fewer than AWSCTL_CACHE_REFRESH_WINDOW seconds remain.
import type { AwsCredentials } from '../aws/types.ts';
import { stsCacheEntry, type CachedCredentials } from '../cache/credential-cache.ts';
import { sha1Hex } from '../cache/sha1.ts';
import { cachedCredentials, type Produced } from './cache.ts';
import { inProfile } from './errors.ts';
import { withMfaCode } from './mfa.ts';
import { stsTarget, type RunState } from './state.ts';
import { profileValue } from '../plan/settings.ts';
import type { Plan, RoleHop, StaticKeys } from '../plan/types.ts';
import type { ProfileSet } from '../profile/model.ts';

/** A role assumed with session credentials may last at most this long. */
export const SESSION_ROLE_MAX_SECONDS = 3600;

interface MfaSession {
  /** The static source profile that names the device. */
  profile: string;
  serial: string;
  keys: StaticKeys;
}

export type MfaSessionDecision = { use: MfaSession } | { use: undefined; reason: string };

/** Whether `assume` opens an MFA session for this plan (see the rule above). Pure. */
export function mfaSessionDecision(plan: Plan, profiles: ProfileSet, firstRole: Pick<RoleHop, 'durationSeconds'> | undefined): MfaSessionDecision {
  const base = plan.base;
  if (plan.step !== 'profile' || base.kind !== 'static') return { use: undefined, reason: 'the credentials do not come from static keys in a profile' };
  const serial = profileValue(profiles.profiles[base.profile], 'mfa_serial');
  if (serial === undefined) return { use: undefined, reason: `profile ${base.profile} (the static keys) sets no mfa_serial` };
  if (base.keys.sessionToken !== undefined)
    return { use: undefined, reason: `profile ${base.profile} holds temporary keys (aws_session_token), and GetSessionToken needs long-term keys` };
  if (firstRole === undefined) return { use: undefined, reason: 'no role is assumed' };
  if ((firstRole.durationSeconds ?? 0) > SESSION_ROLE_MAX_SECONDS) {
    return {
      use: undefined,
      reason: `the first role asks for ${firstRole.durationSeconds} s, more than the ${SESSION_ROLE_MAX_SECONDS} s a role assumed with session credentials may last`,
    };
  }
  return { use: { profile: base.profile, serial, keys: base.keys } };
}

/** The cache entry's key (file name without .json). */
export function mfaSessionCacheKey(accessKeyId: string, serial: string): string {
  return `awsctl-session-${sha1Hex(`${accessKeyId}:${serial}`)}`;
}

/** The MFA session's credentials: from the cache, or GetSessionToken with one MFA code. */
export function mfaSessionCredentials(state: RunState, session: MfaSession): Promise<AwsCredentials> {
  return sessionTokenCredentials(state, {
    profile: session.profile,
    serial: session.serial,
    cacheKey: mfaSessionCacheKey(session.keys.accessKeyId, session.serial),
    keys: () => Promise.resolve(session.keys),
  });
}

/** A sts:GetSessionToken session, cached; stored-keys profiles open one with or without MFA. */
interface SessionTokenRequest {
  profile: string;
  /** The MFA device: the session is opened with one code from it. */
  serial?: string;
  cacheKey: string;
  /** Absent = STS's default (12 hours). */
  durationSeconds?: number;
  /** The long-term keys, read only when the cache cannot answer. */
  keys: () => Promise<StaticKeys>;
}

export function sessionTokenCredentials(state: RunState, request: SessionTokenRequest): Promise<AwsCredentials> {
  return cachedCredentials(state, { key: request.cacheKey, label: sessionLabel(request) }, () => openSessionToken(state, request));
}

function sessionLabel(request: Pick<SessionTokenRequest, 'serial' | 'profile'>): string {
  return request.serial !== undefined
    ? `MFA session for ${request.serial} (profile ${request.profile})`
    : `session (sts:GetSessionToken) for profile ${request.profile}`;
}

/** sts:GetSessionToken itself (one MFA code when `serial` is set), without any cache. */
export async function openSessionToken(state: RunState, request: Omit<SessionTokenRequest, 'cacheKey'>): Promise<Produced> {
  const label = sessionLabel(request);
  const subject = { what: `profile ${request.profile}`, needs: `opening an MFA session (sts:GetSessionToken) with the keys of profile ${request.profile}` };
  try {
    const keys = await request.keys();
    const long: AwsCredentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    const target = await stsTarget(state);
    const { getSessionToken } = await import('../aws/sts.ts');
    const call = (tokenCode: string | undefined) => {
      state.ctx.debug(`${label}: calling sts:GetSessionToken signed with ${keys.accessKeyId}`);
      return getSessionToken(
        state.ctx,
        { ...target, credentials: long },
        { serialNumber: request.serial, tokenCode, durationSeconds: request.durationSeconds },
      );
    };
    // A mistyped code is refused by STS without being used up: withMfaCode asks again.
    const result =
      request.serial !== undefined
        ? await withMfaCode(state, { roleArn: '', profile: request.profile, mfaSerial: request.serial }, subject, call)
        : await call(undefined);
    const credentials = result.credentials as CachedCredentials;
    if (keys.accountId) credentials.accountId = keys.accountId;
    return { credentials, entry: stsCacheEntry({ credentials, requestId: result.requestId }) };
  } catch (error) {
    throw inProfile(request.profile, error);
  }
}
