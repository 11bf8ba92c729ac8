// What one resolution carries from step to step: the loaded profiles, the selected profile,
// the region, cache settings, the MFA codes already given (one per device per run), and the
// pieces every AWS call shares (STS endpoint, retry policy, one retry token bucket).
// Everything network-related is built on first use so a cache hit never pays for it.
import type { RetryQuota } from '../aws/retry.ts';
import type { ServiceTarget } from '../aws/types.ts';
import type { Context } from '../io/context.ts';
import { resolveStsEndpoint, type EndpointContext } from '../plan/aws-endpoints.ts';
import { resolveRetrySettings } from '../plan/retry.ts';
import { resolveImdsSettings } from '../plan/imds-endpoint.ts';
import { assertValidRegion } from '../plan/region.ts';
import type { ProfileSet, Section } from '../profile/model.ts';

export interface RunState {
  ctx: Context;
  profiles: ProfileSet;
  /** The selected profile's name (it may not exist, e.g. for environment keys). */
  selected: string;
  /** Home directory for ~/.aws/cli/cache and ~/.aws/sso/cache; undefined = no caching possible. */
  home: string | undefined;
  region: string | undefined;
  /** True once the instance metadata region was asked for (at most once per run). */
  regionLookedUp?: boolean;
  useCache: boolean;
  refreshWindowSeconds: number;
  /** MFA code given on the command line; used for every MFA device that needs one. */
  tokenCode: string | undefined;
  /** MFA codes asked for in this run, by device serial: one question per device per run. */
  mfaCodes: Map<string, string>;
  /** Devices whose code in mfaCodes was typed at the prompt (so a refused one can be asked again). */
  mfaAsked?: Set<string>;
  endpointContext: EndpointContext;
  /** Stored-keys profiles hand out their long-term keys (process/env --long-term-keys) instead of a session. */
  longTermKeys?: boolean;
  /** MFA devices whose code the base source's session already carries (a stored-keys MFA session): hops naming them send no code. */
  mfaCarried?: Set<string>;
  /** Shared by every AWS call of this run, so one bad minute cannot multiply retries. */
  quota?: RetryQuota;
}

export function selectedSection(state: Pick<RunState, 'profiles' | 'selected'>): Section | undefined {
  return state.profiles.profiles[state.selected];
}

/** Endpoint, retry policy and quota for a call to `service` (STS unless told otherwise). */
export async function serviceTarget(state: RunState, endpoint: string): Promise<ServiceTarget> {
  const settings = resolveRetrySettings({ env: state.ctx.env, profile: selectedSection(state) });
  if (!state.quota) {
    const { RetryQuota } = await import('../aws/retry.ts');
    state.quota = new RetryQuota();
  }
  return { endpoint, retry: { mode: settings.mode, maxAttempts: settings.maxAttempts }, quota: state.quota };
}

/**
 * The client region. When --region, the environment and the profile name none, the region chain
 * ends as botocore's does (IMDSRegionProvider): the instance's placement/region from IMDS, with
 * the IMDS credential rules (AWS_EC2_METADATA_DISABLED, the short timeout, IMDSv2 only). Asked
 * only when a call needs a region, once per run; no answer means no region, as in botocore. The
 * answer becomes part of a host name, so it is checked like every other region.
 */
async function clientRegion(state: RunState): Promise<string | undefined> {
  if (state.region !== undefined || state.regionLookedUp) return state.region;
  state.regionLookedUp = true;
  const { ctx } = state;
  let imds: ReturnType<typeof resolveImdsSettings>;
  try {
    imds = resolveImdsSettings({ env: ctx.env, profile: selectedSection(state) });
  } catch (error) {
    ctx.debug(`region: instance metadata settings are invalid (${error instanceof Error ? error.message : String(error)}); no region`);
    return undefined;
  }
  if (imds.disabled) {
    ctx.debug('region: none configured, and AWS_EC2_METADATA_DISABLED is true');
    return undefined;
  }
  let region: string;
  try {
    const { createImdsClient } = await import('../aws/imds.ts');
    region = await createImdsClient(ctx, { endpoint: imds.endpoint, timeoutMs: imds.timeoutMs, attempts: imds.attempts }).fetchRegion();
  } catch (error) {
    ctx.debug(`region: none configured, and instance metadata gave none (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  assertValidRegion(region, 'instance metadata placement/region');
  ctx.debug(`region: ${region} (from instance metadata)`);
  state.region = region;
  return region;
}

/** Where STS calls go, and the region they are signed for. */
export async function stsTarget(state: RunState): Promise<ServiceTarget & { region: string }> {
  const resolved = resolveStsEndpoint(await clientRegion(state), state.endpointContext);
  state.ctx.debug(`sts: endpoint ${resolved.url} (${resolved.source}), signing region ${resolved.signingRegion}`);
  return { ...(await serviceTarget(state, resolved.url)), region: resolved.signingRegion };
}

/** A role session name when none is configured. The AWS CLI cache key leaves generated names out, so entries stay shared. */
export function generatedSessionName(now: Date): string {
  return `awsctl-${Math.floor(now.getTime() / 1000)}`;
}
