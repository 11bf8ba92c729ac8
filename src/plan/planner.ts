// planCredentials: (env, ProfileSet, profile selection) → Plan. Pure: no disk, clock or network.
//
// The default chain, in the order of the AWS CLI v2 and the SDKs:
//   environment keys → profile → web identity (env) → container endpoint → IMDS.
// A step that is not configured is skipped; the first configured step claims the request;
// a configured-but-broken step stops the chain (README §6.1: a missing implicit `default`
// profile falls through to ECS; a profile that claims the request and fails stops it).
//
// Explicit --profile: the AWS CLI (botocore `create_credential_resolver`) drops the environment
// provider when a profile is given on the command line, so `--profile x` uses profile x even
// when AWS_ACCESS_KEY_ID is exported. AWS_PROFILE does not do that: environment keys still win,
// as in the AWS CLI and the Rust, Go, Java and Python SDKs. (The JavaScript SDK v3 differs:
// it skips environment keys whenever AWS_PROFILE is set; awsctl follows the AWS CLI.)
import type { Env } from '../io/context.ts';
import type { ProfileSet } from '../profile/model.ts';
import { parseContainerEndpoint } from './container-endpoint.ts';
import { readEnvKeys, readEnvWebIdentity } from './env-sources.ts';
import { isImdsDisabled, resolveImdsSettings } from './imds-endpoint.ts';
import { PlanError, isPlanError, profileWhat } from './plan-error.ts';
import { noCredentialsHint, resolveProfileChain } from './profile-chain.ts';
import { envValue } from './settings.ts';
import type { BaseSource, ChainPlan, ChainStep, ChainStepName, CredentialChain, Plan, ProfileBase, ProfileChain, SelectedProfile } from './types.ts';

export interface PlanInput {
  env: Env;
  profiles: ProfileSet;
  /** The --profile value, or the name chosen by the caller; when absent, chosen from env. */
  profileName?: string | undefined;
  /** True when profileName came from the --profile flag. A name that matches neither the flag nor
   *  AWS_PROFILE / AWS_DEFAULT_PROFILE is treated as explicit, like the flag. */
  profileFromFlag?: boolean;
  /** Programmatic IMDS overrides (tests, future flags). */
  imdsEndpointOverride?: string;
  imdsModeOverride?: string;
}

/** --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default` (blank = unset). */
export function selectProfile(flag: string | undefined, env: Env): SelectedProfile {
  const fromFlag = flag?.trim();
  if (fromFlag) return { name: fromFlag, origin: 'flag' };
  for (const variable of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const) {
    const value = envValue(env, variable);
    if (value !== undefined) return { name: value, origin: variable };
  }
  return { name: 'default', origin: 'default' };
}

function selectedFrom(input: PlanInput): SelectedProfile {
  if (input.profileName === undefined) return selectProfile(undefined, input.env);
  if (input.profileFromFlag) return { name: input.profileName, origin: 'flag' };
  const fromEnv = selectProfile(undefined, input.env);
  return fromEnv.name === input.profileName ? fromEnv : { name: input.profileName, origin: 'flag' };
}

/** Every step of the default chain with its status; never throws. */
export function planDefaultChain(input: PlanInput): ChainPlan {
  const profile = selectedFrom(input);
  const steps: ChainStep[] = [
    guard('environment', () => environmentStep(input, profile)),
    guard('profile', () => profileStep(input, profile)),
    guard('web-identity-env', () => webIdentityStep(input)),
    guard('container', () => containerStep(input)),
    guard('imds', () => imdsStep(input, profile)),
  ];
  return { version: 1, profile, steps };
}

/** The plan the executor runs, or the error that stops the chain before anything runs. */
export function planCredentials(input: PlanInput): Plan {
  const chainPlan = planDefaultChain(input);
  for (const [index, step] of chainPlan.steps.entries()) {
    if (step.status === 'broken') throw step.error;
    if (step.status === 'try') return { ...chainPlan, step: step.step, stepIndex: index, base: step.chain.base, hops: step.chain.hops };
  }
  const reasons = chainPlan.steps.map((s) => `${s.step}: ${s.status === 'skip' ? s.reason : s.status}`).join('; ');
  throw new PlanError('no-credentials', 'credentials', `no credential source is configured (${reasons})`, {
    hint: noCredentialsHint(chainPlan.profile, Object.keys(input.profiles.profiles)),
    profile: chainPlan.profile.name,
  });
}

function guard(step: ChainStepName, build: () => ChainStep): ChainStep {
  try {
    return build();
  } catch (error) {
    if (!isPlanError(error)) throw error;
    return error.notConfigured ? { step, status: 'skip', reason: error.why, code: error.code } : { step, status: 'broken', error };
  }
}

function tryStep(step: ChainStepName, base: BaseSource, hops: CredentialChain['hops'] = []): ChainStep {
  return { step, status: 'try', chain: { base, hops } };
}

function environmentStep(input: PlanInput, profile: SelectedProfile): ChainStep {
  if (profile.origin === 'flag') {
    return { step: 'environment', status: 'skip', reason: `--profile ${profile.name} was given, so environment keys are not used (as in the AWS CLI)` };
  }
  const result = readEnvKeys(input.env);
  if (result.status === 'absent') return { step: 'environment', status: 'skip', reason: result.reason };
  const base: BaseSource = { kind: 'environment', keys: result.keys };
  if (result.expiration !== undefined) base.expiration = result.expiration;
  return tryStep('environment', base);
}

function profileStep(input: PlanInput, profile: SelectedProfile): ChainStep {
  const chain = resolveProfileChain(input.profiles, profile.name, { explicit: profile.origin !== 'default' });
  return tryStep('profile', toCredentialBase(chain, input), chain.hops);
}

function webIdentityStep(input: PlanInput): ChainStep {
  const result = readEnvWebIdentity(input.env);
  if ('reason' in result) return { step: 'web-identity-env', status: 'skip', reason: result.reason };
  return tryStep('web-identity-env', result.base);
}

function containerStep(input: PlanInput): ChainStep {
  const result = parseContainerEndpoint(input.env);
  if (result.status === 'not-configured') return { step: 'container', status: 'skip', reason: result.reason };
  return tryStep('container', { kind: 'container', container: result.endpoint });
}

function imdsStep(input: PlanInput, profile: SelectedProfile): ChainStep {
  if (isImdsDisabled(input.env)) return { step: 'imds', status: 'skip', reason: 'AWS_EC2_METADATA_DISABLED is true' };
  const imds = resolveImdsSettings(imdsInput(input, profile.name));
  return tryStep('imds', { kind: 'imds', imds });
}

function imdsInput(input: PlanInput, profileName: string): Parameters<typeof resolveImdsSettings>[0] {
  const settings: Parameters<typeof resolveImdsSettings>[0] = { env: input.env, profile: input.profiles.profiles[profileName] };
  if (input.imdsEndpointOverride !== undefined) settings.endpointOverride = input.imdsEndpointOverride;
  if (input.imdsModeOverride !== undefined) settings.modeOverride = input.imdsModeOverride;
  return settings;
}

/** The profile chain's base as something the executor can run: credential_source resolved, SSO complete. */
export function toCredentialBase(chain: ProfileChain, input: PlanInput): BaseSource {
  const base = chain.base;
  if (base.kind === 'named-source') return resolveNamedSource(base, input, chain.visited[0] ?? base.profile);
  if (base.kind !== 'sso') return base;
  if (base.accountId === undefined || base.roleName === undefined) {
    throw new PlanError('sso-token-only', profileWhat(base.profile), 'the profile configures an SSO sign-in (sso_session) but no sso_account_id and sso_role_name, so it gives a token, not credentials', {
      hint: 'add sso_account_id and sso_role_name (awsctl sso accounts lists them) or use awsctl sso populate',
      profile: base.profile,
      origin: base.origin,
    });
  }
  const { accountId, roleName, ...rest } = base;
  return { ...rest, accountId, roleName };
}

function resolveNamedSource(base: Extract<ProfileBase, { kind: 'named-source' }>, input: PlanInput, selected: string): BaseSource {
  const unavailable = (why: string, hint: string): PlanError =>
    new PlanError('credential-source-unavailable', profileWhat(base.profile), `credential_source = ${base.source}: ${why}`, { hint, profile: base.profile, origin: base.origin });
  const common = { kind: 'credential-source' as const, profile: base.profile, ...(base.origin ? { origin: base.origin } : {}) };
  switch (base.source) {
    case 'Environment': {
      const keys = readEnvKeys(input.env);
      if (keys.status === 'absent') throw unavailable(keys.reason, 'export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
      return { ...common, source: 'Environment', keys: keys.keys };
    }
    case 'EcsContainer': {
      const container = parseContainerEndpoint(input.env);
      if (container.status === 'not-configured') throw unavailable(container.reason, 'run inside ECS or EKS, or use another credential_source');
      return { ...common, source: 'EcsContainer', container: container.endpoint };
    }
    case 'Ec2InstanceMetadata': {
      if (isImdsDisabled(input.env)) throw unavailable('AWS_EC2_METADATA_DISABLED is true', 'unset AWS_EC2_METADATA_DISABLED or use another credential_source');
      return { ...common, source: 'Ec2InstanceMetadata', imds: resolveImdsSettings(imdsInput(input, selected)) };
    }
    default:
      throw new PlanError('invalid-credential-source', profileWhat(base.profile), `credential_source = ${base.source} is not supported`, {
        hint: 'use Environment, Ec2InstanceMetadata or EcsContainer (the names are case-sensitive)',
        profile: base.profile,
        origin: base.origin,
      });
  }
}
