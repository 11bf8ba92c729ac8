// Role hops: each sts:AssumeRole is signed with the credentials of the step before it, and
// each is cached under the AWS CLI's key, exactly as botocore chains them. Resolution is lazy
// from the END of the chain: a fresh cached final hop is the answer, and nothing before it (not
// the base source, not the earlier hops, not an MFA prompt) runs at all.
import type { AwsCredentials } from '../aws/types.ts';
import { assumeRoleCacheKey, type AssumeRoleKeyArgs } from '../cache/cli-cache-key.ts';
import { stsCacheEntry, type CachedCredentials } from '../cache/credential-cache.ts';
import { assumeRoleCacheArgs } from '../plan/explain.ts';
import type { RoleHop } from '../plan/types.ts';
import { cachedCredentials, type Produced } from './cache.ts';
import { inProfile } from './errors.ts';
import { withMfaCode, type MfaSubject } from './mfa.ts';
import { generatedSessionName, stsTarget, type RunState } from './state.ts';

/** Credentials after all `hops`, starting from `base` (called only when some hop must really be assumed). */
export function foldHops(state: RunState, hops: RoleHop[], base: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
  const upTo = (count: number): Promise<AwsCredentials> => {
    if (count === 0) return base();
    return assumeHop(state, hops, count, () => upTo(count - 1));
  };
  return upTo(hops.length);
}

export function hopCacheKey(hop: RoleHop): string {
  return assumeRoleCacheKey(assumeRoleCacheArgs(hop) as AssumeRoleKeyArgs);
}

/**
 * A one-time MFA code serves one AssumeRole. A later hop naming the same device is signed by a
 * session that was obtained with that device (fresh or cached), so it sends no code of its own:
 * resending the used code would be refused, and asking again is what the chain must not do.
 */
export function hopSendsMfa(hops: readonly RoleHop[], index: number): boolean {
  const serial = hops[index]?.mfaSerial;
  return serial !== undefined && !hops.slice(0, index).some((earlier) => earlier.mfaSerial === serial);
}

function assumeHop(state: RunState, hops: RoleHop[], index: number, previous: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
  const hop = hops[index - 1] as RoleHop;
  const label = `hop ${index}/${hops.length}: assume-role ${hop.roleArn} (profile ${hop.profile})`;
  return assumeCachedHop(state, hop, label, previous, { sendMfa: hopSendsMfa(hops, index - 1) }, (error) => inProfile(hop.profile, error));
}

/**
 * One role hop as profile chains and `awsctl assume` both take it: cached under the AWS CLI's
 * key, and on a miss signed with `previous()`'s credentials (resolved only then). `restate`
 * turns a failure into the error that names where in the chain it happened.
 */
export function assumeCachedHop(
  state: RunState,
  hop: RoleHop,
  label: string,
  previous: () => Promise<AwsCredentials>,
  options: Omit<AssumeCallOptions, 'durationSeconds'> & { durationFor?: (caller: AwsCredentials) => number | undefined },
  restate: (error: unknown) => unknown,
): Promise<AwsCredentials> {
  const { durationFor, ...call } = options;
  return cachedCredentials(state, { key: hopCacheKey(hop), label }, async () => {
    const source = await previous();
    // Known only once the source ran: a stored-keys MFA session (state.mfaCarried) already carries its device's MFA.
    const carried = hop.mfaSerial !== undefined && state.mfaCarried?.has(hop.mfaSerial) === true;
    try {
      const durationSeconds = durationFor?.(source);
      return await callAssumeRole(state, hop, source, label, {
        ...call,
        ...(carried ? { sendMfa: false } : {}),
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
      });
    } catch (error) {
      throw restate(error);
    }
  });
}

/** How `assume` adjusts one call (the cache key stays the hop's own, as the AWS CLI computes it). */
interface AssumeCallOptions {
  /** false: leave SerialNumber/TokenCode out, because the calling session already carries MFA for this device. */
  sendMfa?: boolean;
  /** Overrides hop.durationSeconds (a chained hop capped at 3600). */
  durationSeconds?: number;
  /** How MFA errors name the request. */
  mfaSubject?: MfaSubject;
}

async function callAssumeRole(state: RunState, hop: RoleHop, source: AwsCredentials, label: string, options: AssumeCallOptions = {}): Promise<Produced> {
  const mfaSerial = options.sendMfa === false ? undefined : hop.mfaSerial;
  if (mfaSerial === undefined) return assumeRoleWith(state, hop, source, label, options, undefined, undefined);
  return withMfaCode(state, { ...hop, mfaSerial }, options.mfaSubject, (tokenCode) => assumeRoleWith(state, hop, source, label, options, mfaSerial, tokenCode));
}

async function assumeRoleWith(
  state: RunState,
  hop: RoleHop,
  source: AwsCredentials,
  label: string,
  options: AssumeCallOptions,
  mfaSerial: string | undefined,
  tokenCode: string | undefined,
): Promise<Produced> {
  const target = await stsTarget(state);
  const { assumeRole } = await import('../aws/sts.ts');
  state.ctx.debug(
    `${label}: calling sts:AssumeRole signed with ${source.accessKeyId}${mfaSerial ? ` with MFA ${mfaSerial}` : hop.mfaSerial ? ` (MFA for ${hop.mfaSerial} carried by the calling session)` : ''}`,
  );
  const result = await assumeRole(
    state.ctx,
    { ...target, credentials: source },
    {
      roleArn: hop.roleArn,
      roleSessionName: hop.roleSessionName ?? generatedSessionName(state.ctx.now()),
      durationSeconds: options.durationSeconds ?? hop.durationSeconds,
      externalId: hop.externalId,
      serialNumber: mfaSerial,
      tokenCode,
    },
  );
  const credentials = result.credentials as CachedCredentials;
  const entry = stsCacheEntry({
    credentials,
    assumedRoleUser: { assumedRoleId: result.assumedRoleId ?? '', arn: result.assumedRoleArn },
    requestId: result.requestId,
  });
  return { credentials: result.credentials, entry };
}
