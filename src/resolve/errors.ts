// Errors from a source or a hop, restated so the one line a person reads names the profile it
// happened in and says what to do. Cancellation (exit 130) and errors that already name the
// profile pass through unchanged.
import { isAwsServiceError } from '../aws/service-error.ts';
import { AwsctlError, ExitCode, isAwsctlError } from '../errors.ts';
import { isInvalidMfaCode } from './mfa.ts';

const HINTS: Record<string, string> = {
  AccessDenied: "check the role's trust policy and that the source credentials may call sts:AssumeRole on it",
  ExpiredToken: 'the source credentials have expired: refresh them (new keys, awsctl login, or a new MFA session)',
  ExpiredTokenException: 'the source credentials have expired: refresh them (new keys, awsctl login, or a new MFA session)',
  InvalidClientTokenId: 'the source access key is not valid (deleted, inactive or mistyped)',
  SignatureDoesNotMatch: 'the source secret access key does not match its access key id',
  InvalidIdentityToken: "the web identity token was rejected: check the token file and the role's OIDC trust",
  UnauthorizedException: 'the SSO sign-in is no longer valid: run `awsctl login`',
};

const MFA_HINT = 'the MFA code was wrong or not current: run it again with the code your device shows now';

export function inProfile(profile: string | undefined, error: unknown, defaultHint?: string): unknown {
  if (!isAwsctlError(error) || error.exitCode === ExitCode.cancelled) return error;
  if (profile === undefined || error.what.startsWith(`profile ${profile}`) || error.profile === profile) return error;
  const serviceHint = isInvalidMfaCode(error) ? MFA_HINT : isAwsServiceError(error) ? HINTS[error.code] : undefined;
  return new AwsctlError(`profile ${profile}`, `${error.what}: ${error.why}`, {
    hint: error.hint ?? serviceHint ?? defaultHint,
    exitCode: error.exitCode,
    notConfigured: error.notConfigured,
    profile,
    cause: error,
  });
}

/** The same error, but one that stops the chain: a source the profile asked for by name is not optional. */
export function asBroken(error: unknown): unknown {
  if (!isAwsctlError(error) || !error.notConfigured) return error;
  return new AwsctlError(error.what, error.why, { hint: error.hint, exitCode: error.exitCode, profile: error.profile, cause: error });
}
