// `awsctl assume`'s plan, like every other command's: pure, from the plan of --profile (the
// credentials before the first role), the profile files and the role arguments to the steps the
// executor (chain.ts) runs and `awsctl explain <role>…` prints. Nothing is called here: a bare
// role name stays a name until the chain knows the account of the credentials assuming it.
//
// The start is either the profile's own chain (its roles assume themselves, each sending its own
// MFA code) or, for long-term keys with mfa_serial, one MFA session (resolve/mfa-session.ts says
// when) with the profile's roles as the first steps. A one-time code is never sent twice: the
// first step naming a device sends it, later ones are assumed with sessions that carry that MFA.
import type { Plan, RoleHop } from '../plan/types.ts';
import type { ProfileSet } from '../profile/model.ts';
import { mfaSessionDecision, SESSION_ROLE_MAX_SECONDS, type MfaSessionDecision } from '../resolve/mfa-session.ts';
import type { AssumeOptions } from './args.ts';
import { describeTarget, parseRoleTargets, type RoleTarget } from './roles.ts';

export interface AssumeStep {
  /** A profile's own role hop (when the MFA session starts the chain), or a role argument. */
  target: RoleTarget | { kind: 'profile-hop'; hop: RoleHop };
  /** False when an earlier step (or the MFA session) already spent a code for this step's device. */
  sendMfa: boolean;
  /** For messages: how the step was asked for. */
  what: string;
}

export interface AssumePlan {
  /** How --profile resolves: the credentials before the first step (unless an MFA session replaces its roles). */
  base: Plan;
  mfaSession: MfaSessionDecision;
  steps: AssumeStep[];
}

function firstDuration(target: RoleTarget | undefined): Pick<RoleHop, 'durationSeconds'> | undefined {
  if (!target) return undefined;
  return target.kind === 'name' ? target.settings : target.hop;
}

function stepSerial(step: AssumeStep): string | undefined {
  return step.target.kind === 'name' ? step.target.settings.mfaSerial : step.target.hop.mfaSerial;
}

/** Which step sends the code for each device: the first to name it, unless a session already carries it. */
function markMfa(steps: AssumeStep[], alreadyCarried: Iterable<string>): void {
  const spent = new Set(alreadyCarried);
  for (const step of steps) {
    const serial = stepSerial(step);
    if (serial === undefined) continue;
    step.sendMfa = !spent.has(serial);
    spent.add(serial);
  }
}

/**
 * A stored-keys profile with mfa_serial hands out an MFA session (resolve/sources/stored-keys.ts),
 * so roles naming that device send no code of their own; unless the profile's own first role
 * asks for more than a session may sign for, when the long-term keys sign instead.
 */
function storedKeysMfa(plan: Plan): string[] {
  if (plan.base.kind !== 'stored-keys' || plan.base.mfaSerial === undefined) return [];
  return (plan.hops[0]?.durationSeconds ?? 0) > SESSION_ROLE_MAX_SECONDS ? [] : [plan.base.mfaSerial];
}

export function planAssume(base: Plan, profiles: ProfileSet, roles: readonly string[], options: AssumeOptions): AssumePlan {
  const targets = parseRoleTargets(roles, profiles, options);
  const mfaSession = mfaSessionDecision(base, profiles, base.hops[0] ?? firstDuration(targets[0]));
  const argumentSteps: AssumeStep[] = targets.map((target) => ({ target, sendMfa: true, what: `assume ${describeTarget(target)}` }));
  if (mfaSession.use) {
    const profileSteps: AssumeStep[] = base.hops.map((hop) => ({ target: { kind: 'profile-hop', hop }, sendMfa: true, what: `profile ${hop.profile}` }));
    const steps = [...profileSteps, ...argumentSteps];
    markMfa(steps, [mfaSession.use.serial]);
    return { base, mfaSession, steps };
  }
  // The profile's own roles send their codes themselves when --profile resolves.
  markMfa(argumentSteps, [...base.hops.flatMap((hop) => (hop.mfaSerial ? [hop.mfaSerial] : [])), ...storedKeysMfa(base)]);
  return { base, mfaSession, steps: argumentSteps };
}
