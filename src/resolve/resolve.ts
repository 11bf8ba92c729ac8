// resolveCredentials: the executor. Files → plan (pure, src/plan) → run the plan's base source
// and fold its role hops, falling through the default chain exactly as the Plan contract says
// (a step that turns out "not configured" at run time passes to the next step; anything else
// stops). Every decision is narrated through ctx.debug, never with a secret.
//
// Hot path: a cached `awsctl process` reads the two profile files, plans, and reads one cache
// file. AWS clients (and with them undici, fast-xml-parser, @smithy/*) are imported only when a
// network call is really made.
import type { AwsCredentials } from '../aws/types.ts';
import { refreshWindowSeconds } from '../cache/credential-cache.ts';
import { AwsctlError, isAwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { environmentForResolving } from '../profile/awsctl-exports.ts';
import { planCredentials, planDefaultChain, selectProfile, type PlanInput } from '../plan/planner.ts';
import { noCredentialsHint } from '../plan/profile-chain.ts';
import { resolveRegion } from '../plan/region.ts';
import { profileValue } from '../plan/settings.ts';
import type { ChainPlan, CredentialChain, Plan } from '../plan/types.ts';
import { expandHome } from '../profile/locations.ts';
import { foldHops } from './hops.ts';
import { loadProfilesOnce } from '../profile/load-once.ts';
import { providerName, runBase } from './sources/index.ts';
import type { RunState } from './state.ts';

export interface ResolveRequest {
  profileFlag?: string;
  regionFlag?: string;
  tokenCode?: string;
  /** profile-only = the SDK "profile provider" alone (ignores environment keys and the rest of the chain). */
  scope?: 'default-chain' | 'profile-only';
  /** Default true (the AWS CLI caches in ~/.aws/cli/cache). */
  useCache?: boolean;
  /** Cached credentials with fewer seconds left count as stale (default: AWSCTL_CACHE_REFRESH_WINDOW); the credential server asks for more. */
  refreshWindowSeconds?: number;
  /** Hand out a stored-keys profile's long-term keys rather than a GetSessionToken session. */
  longTermKeys?: boolean;
}

export interface ResolvedCredentials {
  credentials: AwsCredentials;
  region?: string;
  /** "env", "static profile dev", "assume-role via profile base", "sso", "web-identity", "credential_process", "container", "imds". */
  provider: string;
  profile: string;
  plan: Plan;
}

export async function resolveCredentials(ctx: Context, request: ResolveRequest): Promise<ResolvedCredentials> {
  return resolveWithState(createRunState(ctx, request), request);
}

/** resolveCredentials in an existing run state (`assume` shares one state, so one MFA question per device, across its hops). */
export async function resolveWithState(state: RunState, request: ResolveRequest): Promise<ResolvedCredentials> {
  const { ctx } = state;
  const input: PlanInput = { env: ctx.env, profiles: state.profiles };
  if (request.profileFlag !== undefined) Object.assign(input, { profileName: request.profileFlag, profileFromFlag: true });
  const plan = request.scope === 'profile-only' ? profileOnlyPlan(input) : planCredentials(input);
  ctx.debug(`profile: ${plan.profile.name} (from ${plan.profile.origin})`);
  for (const step of plan.steps.slice(0, plan.stepIndex)) if (step.status === 'skip') ctx.debug(`chain: ${step.step} skipped: ${step.reason}`);
  // profile-only never falls through: the SDKs' profile provider alone has no next provider.
  const { credentials, used } = await execute(state, plan, request.scope === 'profile-only' ? plan.stepIndex + 1 : plan.steps.length);
  if (credentials.expiration !== undefined && credentials.expiration.getTime() <= ctx.now().getTime()) {
    // Sources are asked twice already (runBase); this holds for role hops too: never hand out expired keys.
    throw new AwsctlError('credentials', `the credentials from ${providerName(used.base, used.hops)} expired at ${credentials.expiration.toISOString()}`, {
      hint: 'try again; if it persists, check the clock and the source',
      profile: plan.profile.name,
    });
  }
  const resolved: ResolvedCredentials = { credentials, provider: providerName(used.base, used.hops), profile: plan.profile.name, plan: used };
  if (state.region !== undefined) resolved.region = state.region;
  ctx.debug(`credentials: from ${resolved.provider}${credentials.expiration ? `, expiring ${credentials.expiration.toISOString()}` : ' (long-term)'}`);
  return resolved;
}

/** The run state for a request: files read once, region, cache settings, CA bundle. */
export function createRunState(outer: Context, request: ResolveRequest): RunState {
  // What awsctl exported for an earlier profile must not outrank this one's settings.
  const env = environmentForResolving(outer.env, request.profileFlag);
  const ctx = env === outer.env ? outer : { ...outer, env };
  const files = loadProfilesOnce(ctx, request.profileFlag);
  const selected = selectProfile(request.profileFlag, ctx.env).name;
  const section = files.set.profiles[selected];
  const region = resolveRegion({ flag: request.regionFlag, env: ctx.env, profile: section });
  ctx.debug(
    region.region !== undefined
      ? `region: ${region.region} (from ${region.source})`
      : 'region: none configured (instance metadata is asked when a call needs one)',
  );
  const caBundle = profileValue(section, 'ca_bundle');
  if (caBundle !== undefined && !ctx.env.AWS_CA_BUNDLE?.trim()) ctx.useCaBundle?.(expandHome(caBundle, files.locations.home, ctx.platform));
  return {
    ctx,
    profiles: files.set,
    selected,
    home: files.locations.home,
    region: region.region,
    useCache: request.useCache !== false,
    refreshWindowSeconds: request.refreshWindowSeconds ?? refreshWindowSeconds(ctx.env),
    tokenCode: request.tokenCode?.trim() || undefined,
    mfaCodes: new Map(),
    longTermKeys: request.longTermKeys === true,
    endpointContext: { env: ctx.env, profile: section, services: files.set.services },
  };
}

/** Only the profile step of the chain, as the SDKs' "profile provider" would run it. */
function profileOnlyPlan(input: PlanInput): Plan {
  const chain: ChainPlan = planDefaultChain(input);
  const index = chain.steps.findIndex((s) => s.step === 'profile');
  const step = chain.steps[index];
  if (step?.status === 'broken') throw step.error;
  if (step?.status !== 'try') {
    const name = chain.profile.name;
    throw new AwsctlError(`profile ${name}`, step?.status === 'skip' ? step.reason : 'no credentials are configured', {
      hint: 'add keys, role_arn with source_profile, sso_session or credential_process to the profile',
      profile: name,
    });
  }
  return { ...chain, step: step.step, stepIndex: index, base: step.chain.base, hops: step.chain.hops };
}

/** Runs the plan's step; on a run-time "not configured", the next steps in order. */
async function execute(state: RunState, plan: Plan, endIndex: number): Promise<{ credentials: AwsCredentials; used: Plan }> {
  let lastSkipped: AwsctlError | undefined;
  for (let index = plan.stepIndex; index < endIndex; index++) {
    const step = plan.steps[index]!;
    if (step.status === 'skip') {
      state.ctx.debug(`chain: ${step.step} skipped: ${step.reason}`);
      continue;
    }
    if (step.status === 'broken') throw step.error;
    state.ctx.debug(`chain: ${step.step} claims the request (${step.chain.hops.length} role hop(s))`);
    try {
      const credentials = await runChain(state, step.chain);
      return { credentials, used: { ...plan, step: step.step, stepIndex: index, base: step.chain.base, hops: step.chain.hops } };
    } catch (error) {
      if (!isAwsctlError(error) || !error.notConfigured) throw error;
      state.ctx.debug(`chain: ${step.step} is not available: ${error.why}; trying the next provider`);
      lastSkipped = error;
    }
  }
  throw exhaustedChain(state, plan, lastSkipped);
}

const STEP_WORDS: Record<string, string> = {
  environment: 'environment keys',
  profile: 'the profile',
  'web-identity-env': 'web identity',
  container: 'the container endpoint',
  imds: 'instance metadata',
};

/**
 * Every provider passed: say what was tried, and — the usual first-hour case — that there is no
 * default profile, with the profiles that do exist (or how to make one).
 */
function exhaustedChain(state: RunState, plan: Plan, lastSkipped: AwsctlError | undefined): AwsctlError {
  const name = plan.profile.name;
  const names = Object.keys(state.profiles.profiles);
  const noDefault = plan.profile.origin === 'default' && !names.includes('default');
  const tried = plan.steps.map((step) =>
    step.step === 'profile' ? (noDefault ? 'a default profile (there is none)' : `profile ${name}`) : (STEP_WORDS[step.step] ?? step.step),
  );
  const last = lastSkipped ? `; last: ${lastSkipped.what}: ${lastSkipped.why}` : '';
  return new AwsctlError('credentials', `none found; tried ${tried.join(', ')}${last}`, {
    hint: noCredentialsHint(plan.profile, names),
    profile: name,
  });
}

function runChain(state: RunState, chain: CredentialChain): Promise<AwsCredentials> {
  if (chain.hops.length === 0) return runBase(state, chain.base);
  return foldHops(state, chain.hops, () => runBase(state, chain.base, chain.hops[0]));
}
