// Planning errors: an AwsctlError with a stable `code` so callers and tests can tell the
// kinds apart without matching words. `notConfigured` marks "not my kind of configuration,
// try the next provider"; everything else means "configured but broken, stop".
import { AwsctlError } from '../errors.ts';
import type { Origin } from '../profile/model.ts';

export type PlanErrorCode =
  | 'no-profiles' // no profile at all (not configured)
  | 'profile-not-found' // the selected profile does not exist
  | 'source-profile-not-found' // source_profile names a missing profile
  | 'no-credentials-in-profile' // the selected profile has no credential settings (not configured)
  | 'source-profile-without-credentials'
  | 'role-without-source' // role_arn with neither source_profile nor credential_source
  | 'both-sources' // source_profile and credential_source together
  | 'partial-keys' // one of aws_access_key_id / aws_secret_access_key
  | 'credential-loop'
  | 'web-identity-without-role'
  | 'invalid-sso'
  | 'sso-session-not-found'
  | 'sso-token-only' // sso_session without account and role: a token, not credentials
  | 'invalid-credential-source'
  | 'credential-source-unavailable'
  | 'invalid-setting'
  | 'invalid-region' // a region that is not a valid host label (botocore's InvalidRegionError)
  | 'partial-env-keys'
  | 'invalid-container-uri'
  | 'invalid-imds-config'
  | 'no-credentials'; // the whole default chain found nothing

interface PlanErrorDetails {
  hint?: string;
  notConfigured?: boolean;
  profile?: string;
  origin?: Origin;
  /** For credential-loop: the profiles in visiting order, the repeated one last. */
  profiles?: string[];
}

export class PlanError extends AwsctlError {
  readonly code: PlanErrorCode;
  readonly profiles: string[] | undefined;

  constructor(code: PlanErrorCode, what: string, why: string, details: PlanErrorDetails = {}) {
    super(what, why, {
      hint: details.hint,
      notConfigured: details.notConfigured ?? false,
      profile: details.profile,
      file: details.origin?.file,
      line: details.origin?.line,
    });
    this.name = 'PlanError';
    this.code = code;
    this.profiles = details.profiles;
  }
}

export function isPlanError(error: unknown): error is PlanError {
  return error instanceof PlanError;
}

/** The usual `what` for problems in a profile. */
export function profileWhat(profile: string): string {
  return `profile ${profile}`;
}
