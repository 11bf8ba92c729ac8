// The credential plan: what resolving a profile would do, as plain data, before any I/O.
//
// Shape (after smithy-rs `ProfileChain`): a chain is one BASE source that needs no input
// credentials, then zero or more ROLE HOPS, each assumed with the credentials of the one
// before (innermost source first, the selected profile's role last).
//
// The default chain wraps that: environment → profile → web identity (env) → container → IMDS.
// `planDefaultChain` records every step with a status; `planCredentials` picks the step that
// wins. The executor contract is in the comment on `Plan` below.
import type { Origin } from '../profile/model.ts';
import type { AwsctlError } from '../errors.ts';
import type { PlanErrorCode } from './plan-error.ts';
import type { CrossSdkNote } from './cross-sdk.ts';

export type { ProfileOrigin, SelectedProfile } from '../profile/select-profile.ts';
import type { SelectedProfile } from '../profile/select-profile.ts';

/** Long-term or temporary keys written down somewhere (env or profile). Secrets: never log. */
export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId?: string;
}

/** A resolved container credentials endpoint (see container-endpoint.ts). */
export interface ContainerEndpoint {
  /** Full URL to GET. */
  uri: string;
  variable: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' | 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
  /**
   * Set when the URI is plain http to a host NAME: the executor must resolve it and refuse
   * unless every address is loopback (`resolveContainerEndpoint` does this with a lookup).
   */
  hostNeedingLoopbackCheck?: string;
  /** AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: read at call time (it rotates); wins over the token. */
  authorizationTokenFile?: string;
  /** AWS_CONTAINER_AUTHORIZATION_TOKEN. A secret: never shown by explain. */
  authorizationToken?: string;
}

export type ImdsEndpointMode = 'IPv4' | 'IPv6';

/** IMDS client settings (see imds-endpoint.ts). */
export interface ImdsSettings {
  /** AWS_EC2_METADATA_DISABLED=true: the IMDS provider must not make any request. */
  disabled: boolean;
  /** Base URL without trailing slash, e.g. http://169.254.169.254. */
  endpoint: string;
  endpointSource: 'override' | 'AWS_EC2_METADATA_SERVICE_ENDPOINT' | 'profile' | 'mode';
  mode: ImdsEndpointMode;
  /** The first request: the IMDSv2 token PUT. */
  tokenUrl: string;
  /** Per-attempt timeout (metadata_service_timeout, default 1 s). */
  timeoutMs: number;
  /** Total attempts (metadata_service_num_attempts, default 1). */
  attempts: number;
}

/**
 * A source of credentials that needs no other credentials. `profile` names the profile the
 * settings came from; `origin` points at the setting that selected the source, for messages.
 */
export type BaseSource =
  /** AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN, AWS_ACCOUNT_ID, AWS_CREDENTIAL_EXPIRATION). */
  | { kind: 'environment'; keys: StaticKeys; expiration?: string }
  /** aws_access_key_id + aws_secret_access_key (+ aws_session_token, aws_account_id) in a profile. */
  | { kind: 'static'; profile: string; keys: StaticKeys; origin?: Origin }
  /** AssumeRoleWithWebIdentity with a token read from a file at call time. */
  | {
      kind: 'web-identity';
      from: 'environment' | 'profile';
      /** Set when from = profile. */
      profile?: string;
      roleArn: string;
      tokenFile: string;
      roleSessionName?: string;
      origin?: Origin;
    }
  /** IAM Identity Center role credentials (portal GetRoleCredentials with the cached token). */
  | {
      kind: 'sso';
      profile: string;
      /** sso-session name; absent for legacy profiles. Decides the token cache file name. */
      ssoSession?: string;
      startUrl: string;
      /** The portal and OIDC region (never the client region). */
      ssoRegion: string;
      accountId: string;
      roleName: string;
      origin?: Origin;
    }
  /** credential_process: run the command (shell), parse Version 1 JSON. */
  | { kind: 'credential-process'; profile: string; command: string; accountId?: string; origin?: Origin }
  /**
   * Long-term keys in awsctl's store (`awsctl_key_store`). Handed out as a sts:GetSessionToken
   * session (with MFA when mfa_serial is set), never as the keys themselves unless asked.
   */
  | {
      kind: 'stored-keys';
      profile: string;
      store: 'keyring' | 'file';
      mfaSerial?: string;
      sessionDurationSeconds?: number;
      sessionInStore?: boolean;
      origin?: Origin;
    }
  /** login_session (`aws login` console sign-in session): the session file in ~/.aws/login/cache. */
  | { kind: 'login-session'; profile: string; loginSessionArn: string; origin?: Origin }
  /** credential_source = X on a role profile, already resolved to the configuration it needs. */
  | { kind: 'credential-source'; profile: string; source: 'Environment'; keys: StaticKeys; origin?: Origin }
  | { kind: 'credential-source'; profile: string; source: 'EcsContainer'; container: ContainerEndpoint; origin?: Origin }
  | { kind: 'credential-source'; profile: string; source: 'Ec2InstanceMetadata'; imds: ImdsSettings; origin?: Origin }
  /** The container provider of the default chain (ECS task role, EKS Pod Identity). */
  | { kind: 'container'; container: ContainerEndpoint }
  /** The IMDS provider of the default chain (EC2 instance profile). */
  | { kind: 'imds'; imds: ImdsSettings };

/** One sts:AssumeRole, using the credentials produced by everything before it. */
export interface RoleHop {
  roleArn: string;
  /** The profile whose role_arn this is. Its settings below come from the same profile. */
  profile: string;
  externalId?: string;
  mfaSerial?: string;
  /** duration_seconds as an integer; absent = STS default (1 hour). */
  durationSeconds?: number;
  /** Absent = the executor generates one (the AWS CLI uses `botocore-session-<epoch>`). */
  roleSessionName?: string;
  /** Where role_arn was written. */
  origin?: Origin;
}

export interface CredentialChain {
  base: BaseSource;
  /** In the order they are assumed (innermost first; the selected profile's role last). */
  hops: RoleHop[];
}

/** The providers of the default chain, in the order the SDKs and the AWS CLI try them. */
export type ChainStepName = 'environment' | 'profile' | 'web-identity-env' | 'container' | 'imds';

export type ChainStep =
  /** Configured: this provider claims the request and would be run. */
  | { step: ChainStepName; status: 'try'; chain: CredentialChain }
  /** Not configured: the chain passes it by. `reason` says why, for people; `code` when a PlanError said so. */
  | { step: ChainStepName; status: 'skip'; reason: string; code?: PlanErrorCode }
  /** Configured but broken: reaching it stops the chain with this error. */
  | { step: ChainStepName; status: 'broken'; error: AwsctlError };

/** Every step of the default chain with its status. Never throws; used by explain. */
export interface ChainPlan {
  version: 1;
  profile: SelectedProfile;
  /** The five steps, in the order they are tried (see planner.ts). */
  steps: ChainStep[];
  /** Where another major SDK would pick differently from the AWS CLI (and awsctl): cross-sdk.ts. */
  notes: CrossSdkNote[];
}

/**
 * The plan the executor runs.
 *
 * Contract: run `base`, then each of `hops` in order (that is `steps[stepIndex].chain`). If that
 * fails with an AwsctlError whose `notConfigured` is true, continue with the next step of
 * `steps` after `stepIndex`: a 'try' step runs the same way, a 'skip' step is passed by, a
 * 'broken' step throws its error. Any other error stops the chain. (With today's rules a
 * claimed step never turns out "not configured" at run time, so in practice the first 'try'
 * step is final, as in the SDKs; the rule is here so an executor never has to re-plan.)
 */
export interface Plan extends Omit<ChainPlan, 'notes'> {
  step: ChainStepName;
  stepIndex: number;
  base: BaseSource;
  hops: RoleHop[];
}

/**
 * The profile part of a plan exactly as the profile files say it (smithy-rs `ProfileChain`):
 * `credential_source` is still a name, and an SSO base may lack account and role (a profile
 * that only configures a token). `planCredentials` turns it into a CredentialChain.
 */
export type ProfileBase =
  | Extract<BaseSource, { kind: 'static' | 'web-identity' | 'credential-process' | 'login-session' | 'stored-keys' }>
  | {
      kind: 'sso';
      profile: string;
      ssoSession?: string;
      startUrl: string;
      ssoRegion: string;
      accountId?: string;
      roleName?: string;
      origin?: Origin;
    }
  | { kind: 'named-source'; profile: string; source: string; origin?: Origin };

export interface ProfileChain {
  base: ProfileBase;
  hops: RoleHop[];
  /** Profiles visited, selected one first. */
  visited: string[];
}
