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
import { mfaCodeFor } from './mfa.ts';
import { generatedSessionName, stsTarget, type RunState } from './state.ts';

/** Credentials after all `hops`, starting from `base` (called only when some hop must really be assumed). */
export function foldHops(state: RunState, hops: RoleHop[], base: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
  const upTo = (count: number): Promise<AwsCredentials> => {
    if (count === 0) return base();
    const hop = hops[count - 1] as RoleHop;
    return assumeHop(state, hop, count, hops.length, () => upTo(count - 1));
  };
  return upTo(hops.length);
}

export function hopCacheKey(hop: RoleHop): string {
  return assumeRoleCacheKey(assumeRoleCacheArgs(hop) as AssumeRoleKeyArgs);
}

function assumeHop(state: RunState, hop: RoleHop, index: number, total: number, previous: () => Promise<AwsCredentials>): Promise<AwsCredentials> {
  const label = `hop ${index}/${total}: assume-role ${hop.roleArn} (profile ${hop.profile})`;
  return cachedCredentials(state, { key: hopCacheKey(hop), label }, async () => {
    const source = await previous();
    try {
      return await callAssumeRole(state, hop, source, label);
    } catch (error) {
      throw inProfile(hop.profile, error);
    }
  });
}

async function callAssumeRole(state: RunState, hop: RoleHop, source: AwsCredentials, label: string): Promise<Produced> {
  const tokenCode = hop.mfaSerial !== undefined ? await mfaCodeFor(state, { ...hop, mfaSerial: hop.mfaSerial }) : undefined;
  const target = await stsTarget(state);
  const { assumeRole } = await import('../aws/sts.ts');
  state.ctx.debug(`${label}: calling sts:AssumeRole signed with ${source.accessKeyId}${hop.mfaSerial ? ` with MFA ${hop.mfaSerial}` : ''}`);
  const result = await assumeRole(state.ctx, { ...target, credentials: source }, {
    roleArn: hop.roleArn,
    roleSessionName: hop.roleSessionName ?? generatedSessionName(state.ctx.now()),
    durationSeconds: hop.durationSeconds,
    externalId: hop.externalId,
    serialNumber: hop.mfaSerial,
    tokenCode,
  });
  const credentials = result.credentials as CachedCredentials;
  const entry = stsCacheEntry({
    credentials,
    assumedRoleUser: { assumedRoleId: result.assumedRoleId ?? '', arn: result.assumedRoleArn },
    requestId: result.requestId,
  });
  return { credentials: result.credentials, entry };
}
