// Which console sign-in a resolved source gets, and the duration rules AWS sets for each
// ("Enable custom identity broker access to the AWS console", IAM User Guide; GetFederationToken,
// STS API Reference). Pure.
//
// - A role session assumed directly with an IAM user's long-term keys may ask getSigninToken for
//   a console session of 900 to 43,200 s (SessionDuration).
// - Any other temporary credentials (a chained role, an SSO role, web identity, a container or
//   instance role, a credential_process, a login session): SessionDuration is left out (AWS
//   documents it only for roles assumed with long-term keys; a chained role's federation fails
//   with it), so the console session lasts as long as the credentials.
// - Long-term IAM user keys cannot sign in at all: they first get GetFederationToken credentials,
//   with a session policy (without one the session can do nothing) and DurationSeconds of
//   900 to 129,600 s; SessionDuration must then NOT be sent.
import { usageError } from '../errors.ts';
import type { BaseSource, RoleHop } from '../plan/types.ts';
import { SESSION_DURATION_RANGE } from './federation.ts';

type ConsoleSessionKind = 'role-from-long-term-keys' | 'chained-role' | 'other-temporary' | 'iam-user';

const FEDERATION_TOKEN_DURATION_RANGE = { min: 900, max: 129_600 } as const;

/** The policy that lets the federated session do what the IAM user may (a session policy only narrows). */
export const ALLOW_ALL_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

function longTermKeysBase(base: BaseSource): boolean {
  if (base.kind === 'static' || base.kind === 'environment') return base.keys.sessionToken === undefined;
  return base.kind === 'credential-source' && base.source === 'Environment' && base.keys.sessionToken === undefined;
}

export function consoleSessionKind(plan: { base: BaseSource; hops: readonly RoleHop[] }, temporary: boolean): ConsoleSessionKind {
  if (!temporary) return 'iam-user';
  if (plan.hops.length === 0) return 'other-temporary';
  return plan.hops.length === 1 && longTermKeysBase(plan.base) ? 'role-from-long-term-keys' : 'chained-role';
}

/**
 * Whether the plan's credentials will be temporary, when the plan alone says so (keys written
 * down, or a role); undefined when only running it tells (a credential_process may print either).
 */
export function plannedTemporary(plan: { base: BaseSource; hops: readonly RoleHop[] }): boolean | undefined {
  if (plan.hops.length > 0) return true;
  const base = plan.base;
  if (base.kind === 'static' || base.kind === 'environment') return base.keys.sessionToken !== undefined;
  if (base.kind === 'credential-source' && base.source === 'Environment') return base.keys.sessionToken !== undefined;
  return base.kind === 'credential-process' ? undefined : true;
}

interface DurationDecision {
  /** getSigninToken's SessionDuration. */
  sessionDuration?: number;
  /** GetFederationToken's DurationSeconds (iam-user only). */
  federationDuration?: number;
  /** Said on stderr when the requested duration could not be honoured. */
  note?: string;
}

function checkRange(seconds: number, range: { min: number; max: number }, why: string): void {
  if (!Number.isInteger(seconds) || seconds < range.min || seconds > range.max) {
    throw usageError(
      'console',
      `--duration ${seconds} is out of range: ${why} lasts ${range.min} to ${range.max.toLocaleString('en-US')} seconds`,
      `give --duration between ${range.min} and ${range.max}`,
    );
  }
}

export function decideDuration(kind: ConsoleSessionKind, requested: number | undefined): DurationDecision {
  if (requested === undefined) return {};
  switch (kind) {
    case 'iam-user':
      checkRange(requested, FEDERATION_TOKEN_DURATION_RANGE, 'a GetFederationToken session');
      return { federationDuration: requested };
    case 'role-from-long-term-keys':
      checkRange(requested, SESSION_DURATION_RANGE, 'a console session');
      return { sessionDuration: requested };
    case 'chained-role':
      return {
        note: 'SessionDuration left out: this role was assumed with temporary credentials (role chaining), for which AWS refuses it; the console session lasts as long as the role credentials',
      };
    case 'other-temporary':
      return {
        note: "SessionDuration left out: AWS allows it only for a role assumed with an IAM user's long-term keys; the console session lasts as long as these credentials",
      };
  }
}

/** GetFederationToken's Name: 2 to 32 of [\w+=,.@-]. From the profile, so the console shows where it came from. */
export function federatedUserName(profile: string): string {
  const cleaned = `awsctl-${profile}`.replace(/[^\w+=,.@-]/g, '-');
  return cleaned.slice(0, 32);
}

/** The session policy: --policy and --policy-arn as given, else one allowing everything the user may do. */
export function sessionPolicy(policy: string | undefined, policyArns: readonly string[]): { policy?: string; policyArns?: string[] } {
  if (policy !== undefined) {
    try {
      JSON.parse(policy);
    } catch {
      throw usageError('console', '--policy is not JSON', 'give an IAM policy document, e.g. \'{"Version":"2012-10-17","Statement":[…]}\'');
    }
  }
  for (const arn of policyArns) {
    if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/.test(arn))
      throw usageError(
        'console',
        `--policy-arn ${JSON.stringify(arn)} is not a managed policy ARN`,
        'give arn:aws:iam::aws:policy/ReadOnlyAccess or a policy of your account',
      );
  }
  if (policyArns.length > 10) throw usageError('console', `${policyArns.length} --policy-arn given`, 'STS takes at most 10 managed session policies');
  if (policy === undefined && policyArns.length === 0) return { policy: ALLOW_ALL_POLICY };
  return { ...(policy !== undefined ? { policy } : {}), ...(policyArns.length > 0 ? { policyArns: [...policyArns] } : {}) };
}
