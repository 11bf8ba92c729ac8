// One line per profile for `awsctl profiles`: its kind, region and what it depends on. The
// kind comes from the planner's own readers (roleHopFromProfile, baseFromProfile) so that the
// list says what resolving the profile would actually do; a profile the planner would refuse
// still gets the kind its settings suggest, plus the planner's reason as `problem`.
import { isPlanError } from './plan-error.ts';
import { configuredBaseFromProfile, roleHopFromProfile } from './profile-base.ts';
import { resolveProfileChain } from './profile-chain.ts';
import { profileValue } from './settings.ts';
import type { ProfileBase } from './types.ts';
import type { FileKind, ProfileSet, Section } from '../profile/model.ts';
import type { ProfileFiles } from '../profile/profile-names.ts';

/** `none`: the profile holds settings (region, output…) but no way to get credentials. */
type ProfileKind = 'static' | 'assume-role' | 'credential-source' | 'sso' | 'process' | 'stored-keys' | 'web-identity' | 'login-session' | 'none';

export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  region: string | null;
  sourceProfile: string | null;
  ssoSession: string | null;
  credentialSource: string | null;
  files: FileKind[];
  /** Why resolving this profile would fail (never a secret), or null. */
  problem: string | null;
}

export function summarizeProfiles(set: ProfileSet, names: ProfileFiles[]): ProfileSummary[] {
  return names.flatMap(({ name, files }) => {
    const section = set.profiles[name];
    return section ? [summarize(set, name, section, files)] : [];
  });
}

function summarize(set: ProfileSet, name: string, section: Section, files: FileKind[]): ProfileSummary {
  const value = (key: string): string | null => profileValue(section, key) ?? null;
  const { kind, problem } = kindOf(set, name, section);
  const isRole = kind === 'assume-role' || (kind === 'credential-source' && value('role_arn') !== null);
  return {
    name,
    kind,
    region: value('region'),
    sourceProfile: isRole ? value('source_profile') : null,
    ssoSession: kind === 'sso' ? value('sso_session') : null,
    credentialSource: kind === 'credential-source' ? value('credential_source') : null,
    files,
    // A 'none' profile without a problem is one the planner called "not configured"; resolving
    // its chain would only rebuild and throw that same error (an Error with a stack, per
    // profile), since the chain of a profile without a role is exactly its base.
    problem: problem ?? (kind === 'none' ? null : chainProblem(set, name)),
  };
}

const KIND_OF_BASE: Record<ProfileBase['kind'], ProfileKind> = {
  static: 'static',
  'web-identity': 'web-identity',
  sso: 'sso',
  'credential-process': 'process',
  'login-session': 'login-session',
  'stored-keys': 'stored-keys',
  'named-source': 'credential-source',
};

function kindOf(set: ProfileSet, name: string, section: Section): { kind: ProfileKind; problem?: string } {
  try {
    if (roleHopFromProfile(name, section)) return { kind: profileValue(section, 'credential_source') !== undefined ? 'credential-source' : 'assume-role' };
    const base = configuredBaseFromProfile(set, name, section);
    return base ? { kind: KIND_OF_BASE[base.kind] } : { kind: 'none' };
  } catch (error) {
    if (!isPlanError(error)) throw error;
    if (error.notConfigured) return { kind: 'none' };
    return { kind: kindFromKeys(section), problem: error.why };
  }
}

/** The kind a broken profile was meant to be, by the same precedence as the planner. */
function kindFromKeys(section: Section): ProfileKind {
  const has = (key: string): boolean => profileValue(section, key) !== undefined;
  if (has('role_arn') && !has('web_identity_token_file')) return has('credential_source') ? 'credential-source' : 'assume-role';
  if (has('credential_source')) return 'credential-source';
  if (has('web_identity_token_file')) return 'web-identity';
  if (['sso_session', 'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name'].some(has)) return 'sso';
  if (has('login_session')) return 'login-session';
  if (has('credential_process')) return 'process';
  return has('aws_access_key_id') || has('aws_secret_access_key') || has('aws_session_token') ? 'static' : 'none';
}

/** Problems only visible along the chain: a missing source profile, a loop, a source without keys. */
function chainProblem(set: ProfileSet, name: string): string | null {
  try {
    resolveProfileChain(set, name, { explicit: true });
    return null;
  } catch (error) {
    if (!isPlanError(error)) throw error;
    return error.notConfigured ? null : error.why;
  }
}
