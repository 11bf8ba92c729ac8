// planCredentials: (env, ProfileSet, profile selection) → Plan. Pure: no disk, clock or network.
//
// The default chain, in botocore's order (credentials.py create_credential_resolver, read in
// 1.43): environment keys → the selected profile's role (AssumeRoleProvider) → web identity
// (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, each falling back to the profile's setting) → the
// profile's other sources (profile-base.ts) → container endpoint → IMDS. So the web identity of
// the environment beats `[default]`'s static keys (the EKS/IRSA case: a stray ~/.aws/credentials
// in the image must not win), but a profile that assumes a role is used first. The planner keeps
// five steps and orders them: web-identity-env comes before `profile` unless the selected profile
// assumes a role; a named profile that does not exist comes first of all and stops everything,
// as botocore's ProfileNotFound does.
// A step that is not configured is skipped; the first configured step claims the request;
// a configured-but-broken step stops the chain.
//
// Explicit --profile: the AWS CLI (botocore `create_credential_resolver`) drops the environment
// provider AND the environment half of web identity when a profile is given on the command line,
// so `--profile x` uses profile x even when AWS_ACCESS_KEY_ID is exported. AWS_PROFILE does not
// do that: environment keys and web identity still win, as in the AWS CLI and the Rust, Go, Java
// and Python SDKs. (The JavaScript SDK v3 differs: it skips environment keys whenever AWS_PROFILE
// is set; awsctl follows the AWS CLI.)
import type { Env } from '../io/context.ts';
import type { ProfileSet } from '../profile/model.ts';
import { parseContainerEndpoint } from './container-endpoint.ts';
import { readEnvKeys, readEnvWebIdentity } from './env-sources.ts';
import { isImdsDisabled, resolveImdsSettings } from './imds-endpoint.ts';
import { PlanError, isPlanError, profileWhat } from './plan-error.ts';
import { noCredentialsHint, resolveProfileChain } from './profile-chain.ts';
import { roleHopFromProfile } from './profile-base.ts';
import { crossSdkNotes, type CrossSdkNote } from './cross-sdk.ts';
import { selectProfile } from '../profile/select-profile.ts';
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

/** The one profile selection rule (profile/select-profile.ts), re-exported for the executor. */
export { selectProfile };

function selectedFrom(input: PlanInput): SelectedProfile {
  if (input.profileName === undefined) return selectProfile(undefined, input.env);
  if (input.profileFromFlag) return { name: input.profileName, origin: 'flag' };
  const fromEnv = selectProfile(undefined, input.env);
  return fromEnv.name === input.profileName ? fromEnv : { name: input.profileName, origin: 'flag' };
}

/** Every step of the default chain with its status, in the order they are tried; never throws. */
export function planDefaultChain(input: PlanInput): ChainPlan {
  const profile = selectedFrom(input);
  const profileStepResult = guard('profile', () => profileStep(input, profile));
  const webIdentity = guard('web-identity-env', () => webIdentityStep(input, profile));
  const environment = guard('environment', () => environmentStep(input, profile));
  const rest = [guard('container', () => containerStep(input)), guard('imds', () => imdsStep(input, profile))];
  // A profile named by --profile, AWS_PROFILE or AWS_DEFAULT_PROFILE (even `default`) must exist,
  // whatever else is configured: botocore raises ProfileNotFound before any provider runs.
  const notFound = profileStepResult.status === 'broken' && isPlanError(profileStepResult.error) && profileStepResult.error.code === 'profile-not-found';
  const steps: ChainStep[] = notFound
    ? [profileStepResult, environment, webIdentity, ...rest]
    : [environment, ...(assumesRole(input, profile) ? [profileStepResult, webIdentity] : [webIdentity, profileStepResult]), ...rest];
  // The cross-SDK notes are for explain only: computed on first read, so resolving never pays for them.
  let notes: CrossSdkNote[] | undefined;
  return {
    version: 1,
    profile,
    steps,
    get notes() {
      notes ??= crossSdkNotes({ env: input.env, profiles: input.profiles, profile, steps });
      return notes;
    },
  };
}

/** botocore's AssumeRoleProvider claims the selected profile before web identity: role_arn without web_identity_token_file. */
function assumesRole(input: PlanInput, profile: SelectedProfile): boolean {
  const section = input.profiles.profiles[profile.name];
  if (!section) return false;
  try {
    return roleHopFromProfile(profile.name, section) !== undefined;
  } catch {
    return true; // a broken role setting: the profile step reports it, first
  }
}

/** The plan the executor runs, or the error that stops the chain before anything runs. */
export function planCredentials(input: PlanInput): Plan {
  const chainPlan = planDefaultChain(input);
  for (const [index, step] of chainPlan.steps.entries()) {
    if (step.status === 'broken') throw step.error;
    if (step.status === 'try')
      return {
        version: 1,
        profile: chainPlan.profile,
        steps: chainPlan.steps,
        step: step.step,
        stepIndex: index,
        base: step.chain.base,
        hops: step.chain.hops,
      };
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
  const base = toCredentialBase(chain, input);
  // The profile's own web identity: AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME still win (botocore reads
  // each setting from the environment first), unless --profile was given.
  if (base.kind === 'web-identity' && chain.hops.length === 0 && profile.origin !== 'flag') {
    const roleArn = envValue(input.env, 'AWS_ROLE_ARN');
    const sessionName = envValue(input.env, 'AWS_ROLE_SESSION_NAME');
    if (roleArn !== undefined) base.roleArn = roleArn;
    if (sessionName !== undefined) base.roleSessionName = sessionName;
  }
  return tryStep('profile', base, chain.hops);
}

/**
 * botocore's AssumeRoleWithWebIdentityProvider for the selected profile: each of the token file,
 * role ARN and session name from the environment, else from the profile. This step claims when
 * the token file comes from the environment; a token file in the profile is the profile step's.
 * With --profile the environment is not read (botocore's disable_env_vars).
 */
function webIdentityStep(input: PlanInput, profile: SelectedProfile): ChainStep {
  if (profile.origin === 'flag') {
    return {
      step: 'web-identity-env',
      status: 'skip',
      reason: `--profile ${profile.name} was given, so AWS_WEB_IDENTITY_TOKEN_FILE is not used (as in the AWS CLI)`,
    };
  }
  const result = readEnvWebIdentity(input.env, input.profiles.profiles[profile.name]);
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
function toCredentialBase(chain: ProfileChain, input: PlanInput): BaseSource {
  const base = chain.base;
  if (base.kind === 'named-source') return resolveNamedSource(base, input, chain.visited[0] ?? base.profile);
  if (base.kind !== 'sso') return base;
  if (base.accountId === undefined || base.roleName === undefined) {
    // Alone, such a profile is "not configured" (botocore's SSO provider is not claimed and the
    // chain goes on); as the source of a role it is an error.
    throw new PlanError(
      'sso-token-only',
      profileWhat(base.profile),
      'the profile configures an SSO sign-in (sso_session) but no sso_account_id and sso_role_name, so it gives a token, not credentials',
      {
        hint: 'add sso_account_id and sso_role_name (awsctl sso accounts lists them) or use awsctl sso populate',
        notConfigured: chain.hops.length === 0,
        profile: base.profile,
        origin: base.origin,
      },
    );
  }
  const { accountId, roleName, ...rest } = base;
  return { ...rest, accountId, roleName };
}

function resolveNamedSource(base: Extract<ProfileBase, { kind: 'named-source' }>, input: PlanInput, selected: string): BaseSource {
  const unavailable = (why: string, hint: string): PlanError =>
    new PlanError('credential-source-unavailable', profileWhat(base.profile), `credential_source = ${base.source}: ${why}`, {
      hint,
      profile: base.profile,
      origin: base.origin,
    });
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
