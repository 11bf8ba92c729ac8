// What each `<role>` of `awsctl assume` means. Pure: the profile files and the options in,
// role targets out; nothing is called yet.
//
// A role is, in this order of precedence:
//   1. the name of a profile with role_arn: that role, with the profile's own external_id,
//      mfa_serial, duration_seconds and role_session_name; the options fill in what the
//      profile does not say (its source_profile is NOT followed: the hop is assumed with the
//      credentials of the step before it, which is the point of an ad-hoc chain);
//   2. a role ARN (arn:<partition>:iam::<account>:role/<path/name>);
//   3. a bare role name (IAM name characters, optionally with a path): that role in the account
//      of the credentials that assume it, found when the chain runs.
// A profile name wins over a role name spelled the same way.
import { AwsctlError, usageError } from '../errors.ts';
import { roleHopFromProfile } from '../plan/profile-base.ts';
import type { RoleHop } from '../plan/types.ts';
import type { ProfileSet } from '../profile/model.ts';
import type { AssumeOptions } from './args.ts';
import { parseRoleArn } from '../aws/arn.ts';

/** The settings of a hop apart from the role itself. */
type HopSettings = Pick<RoleHop, 'externalId' | 'mfaSerial' | 'durationSeconds' | 'roleSessionName'>;

export type RoleTarget =
  | { kind: 'profile'; text: string; hop: RoleHop }
  | { kind: 'arn'; text: string; hop: RoleHop }
  | { kind: 'name'; text: string; roleName: string; settings: HopSettings };

const ROLE_NAME = /^[\w+=,.@-]+(\/[\w+=,.@-]+)*$/;

/** The options as hop settings (only those given). */
function optionSettings(options: AssumeOptions): HopSettings {
  const settings: HopSettings = {};
  if (options.externalId !== undefined) settings.externalId = options.externalId;
  if (options.mfaSerial !== undefined) settings.mfaSerial = options.mfaSerial;
  if (options.durationSeconds !== undefined) settings.durationSeconds = options.durationSeconds;
  if (options.sessionName !== undefined) settings.roleSessionName = options.sessionName;
  return settings;
}

/** The profile's own settings win; options fill the gaps. */
function withDefaults(hop: RoleHop, defaults: HopSettings): RoleHop {
  const merged: RoleHop = { ...hop };
  for (const key of ['externalId', 'mfaSerial', 'durationSeconds', 'roleSessionName'] as const) {
    if (merged[key] === undefined && defaults[key] !== undefined) Object.assign(merged, { [key]: defaults[key] });
  }
  return merged;
}

function profileTarget(text: string, set: ProfileSet, defaults: HopSettings): RoleTarget {
  const hop = roleHopFromProfile(text, set.profiles[text]!);
  if (!hop) {
    throw new AwsctlError(`assume ${text}`, `profile ${text} has no role_arn, so it names no role to assume`, {
      hint: 'name a profile with role_arn, a role ARN, or a role name; use --profile for the credentials to start from',
      profile: text,
    });
  }
  return { kind: 'profile', text, hop: withDefaults(hop, defaults) };
}

export function parseRoleTargets(roles: readonly string[], set: ProfileSet, options: AssumeOptions): RoleTarget[] {
  const defaults = optionSettings(options);
  return roles.map((text): RoleTarget => {
    if (Object.hasOwn(set.profiles, text)) return profileTarget(text, set, defaults);
    if (text.startsWith('arn:')) {
      if (!parseRoleArn(text)) throw usageError(`assume ${text}`, 'this is not an IAM role ARN', 'expected arn:aws:iam::<12-digit account>:role/<name>');
      return { kind: 'arn', text, hop: { roleArn: text, profile: text, ...defaults } };
    }
    if (!ROLE_NAME.test(text) || text.length > 512) {
      throw usageError(
        `assume ${JSON.stringify(text)}`,
        'this is neither a profile name, a role ARN nor a role name',
        'check the spelling with `awsctl profiles`',
      );
    }
    return { kind: 'name', text, roleName: text, settings: defaults };
  });
}

/** For messages: how a target was written and what it is. */
export function describeTarget(target: RoleTarget): string {
  if (target.kind === 'profile') return `profile ${target.text} (${target.hop.roleArn})`;
  if (target.kind === 'arn') return target.text;
  return `role ${target.roleName}`;
}
