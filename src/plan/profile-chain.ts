// Follow role_arn → source_profile links from the selected profile down to a base source,
// as smithy-rs `resolve_chain` does. Pure: profiles in, ProfileChain or PlanError out.
//
// Rules (README §5 of the conformance data, and botocore's AssumeRoleProvider):
// - role_arn on the selected profile wins over keys on that same profile;
// - but a SOURCE profile that names static keys (aws_access_key_id or aws_secret_access_key) is
//   read by its own providers, in botocore's order (profile-base.ts), even when it has role_arn;
// - source_profile naming its own profile: assume its role with its own base credentials, which
//   must be static keys (botocore: InfiniteLoopConfigError otherwise);
// - a repeated profile is a 'credential-loop' error that lists the path ("A -> B -> A");
// - role_arn needs exactly one of source_profile and credential_source.
import { closestName, shortList } from './did-you-mean.ts';
import type { ProfileSet, Section } from '../profile/model.ts';
import { baseFromProfile, namedSourceFromProfile, namesStaticKeys, roleHopFromProfile } from './profile-base.ts';
import { PlanError, isPlanError, profileWhat } from './plan-error.ts';
import { profileOrigin, profileValue } from './settings.ts';
import type { ProfileBase, ProfileChain, RoleHop } from './types.ts';

interface ProfileChainOptions {
  /**
   * True when the user named the profile (flag or AWS_PROFILE). A missing implicit `default`
   * profile is "not configured" (the chain goes on to the container and IMDS providers); a
   * missing named profile is an error.
   */
  explicit?: boolean;
}

export function resolveProfileChain(set: ProfileSet, selected: string, options: ProfileChainOptions = {}): ProfileChain {
  // explicit first: counting the keys is O(profiles), and `profiles` resolves every profile.
  if (!options.explicit && Object.keys(set.profiles).length === 0) {
    throw new PlanError('no-profiles', 'profile files', 'No profiles were defined', { notConfigured: true });
  }
  const visited: string[] = [];
  const hops: RoleHop[] = [];
  let name = selected;
  for (;;) {
    const section = lookupProfile(set, name, visited, options);
    if (visited.includes(name)) throw loopError([...visited, name]);
    visited.push(name);
    const hop = roleHopFromProfile(name, section);
    if (visited.length > 1 && (namesStaticKeys(section) || !hop)) return finish(sourceBase(set, name, section, visited.length), hops, visited);
    if (!hop) return finish(sourceBase(set, name, section, 1), hops, visited);
    const next = nextProfile(name, section);
    hops.push(hop);
    if (next.kind === 'named') return finish(next.base, hops, visited);
    if (next.profile === name) {
      if (!namesStaticKeys(section)) throw loopError([name, name]);
      return finish(sourceBase(set, name, section, 2), hops, visited);
    }
    name = next.profile;
  }
}

function lookupProfile(set: ProfileSet, name: string, visited: string[], options: ProfileChainOptions): Section {
  const section = set.profiles[name];
  if (section) return section;
  const from = visited.at(-1);
  if (from !== undefined) {
    throw new PlanError('source-profile-not-found', profileWhat(from), `could not find source profile ${name} referenced from ${from}`, {
      hint: `add a [profile ${name}] section or fix source_profile`,
      profile: from,
      origin: profileOrigin(set.profiles[from], 'source_profile'),
    });
  }
  if (name === 'default' && !options.explicit) {
    throw new PlanError('no-profiles', profileWhat(name), 'no default profile is defined', { notConfigured: true, profile: name });
  }
  throw new PlanError('profile-not-found', profileWhat(name), `the config profile (${name}) could not be found`, {
    hint: profileChoiceHint(name, Object.keys(set.profiles)),
    profile: name,
  });
}

/** `did you mean dev? (profiles: dev, prod)`, or how to see and make profiles when none is close. */
function profileChoiceHint(name: string | undefined, names: readonly string[]): string {
  if (names.length === 0) return 'no profiles exist yet: `awsctl configure` (access keys) or `awsctl configure sso`';
  const close = name === undefined ? undefined : closestName(name, names);
  return close !== undefined ? `did you mean --profile ${close}? (profiles: ${shortList(names)})` : `pass --profile: ${shortList(names)}`;
}

/** The hint when no provider had credentials: with no default profile, the profiles there are. */
export function noCredentialsHint(profile: { name: string; origin: string }, names: readonly string[]): string {
  if (profile.origin === 'default' && !names.includes('default')) return profileChoiceHint(undefined, names);
  return `configure profile ${profile.name} (awsctl configure, awsctl login) or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`;
}

function loopError(path: string[]): PlanError {
  return new PlanError('credential-loop', profileWhat(path[0] ?? ''), `source_profile links form an infinite loop: ${path.join(' -> ')}`, {
    hint: 'end the chain at a profile with keys, credential_source, sso, web identity or credential_process',
    profile: path[0],
    profiles: path,
  });
}

/**
 * The base of a profile. Only the selected profile without any role may be "not configured";
 * a source profile (depth > 1) without credentials is an error that stops the chain.
 */
function sourceBase(set: ProfileSet, name: string, section: Section, depth: number): ProfileBase {
  try {
    return baseFromProfile(set, name, section);
  } catch (error) {
    if (depth > 1 && isPlanError(error) && error.code === 'no-credentials-in-profile') {
      throw new PlanError(
        'source-profile-without-credentials',
        profileWhat(name),
        `could not load source profile: profile \`${name}\` did not contain credential information`,
        {
          hint: error.hint,
          profile: name,
        },
      );
    }
    throw error;
  }
}

/** After a role hop: the source profile to follow, or the credential_source that supplies the base. */
function nextProfile(name: string, section: Section): { kind: 'profile'; profile: string } | { kind: 'named'; base: ProfileBase } {
  const sourceProfile = profileValue(section, 'source_profile');
  const credentialSource = profileValue(section, 'credential_source');
  if (sourceProfile !== undefined && credentialSource !== undefined) {
    throw new PlanError('both-sources', profileWhat(name), 'profile contained both source_profile and credential_source', {
      hint: 'keep only one of them',
      profile: name,
      origin: profileOrigin(section, 'credential_source'),
    });
  }
  if (sourceProfile === undefined && credentialSource === undefined) {
    throw new PlanError('role-without-source', profileWhat(name), 'role_arn is set but the profile must contain `source_profile` or `credential_source`', {
      hint: 'add source_profile = <profile with credentials> or credential_source = Environment | Ec2InstanceMetadata | EcsContainer',
      profile: name,
      origin: profileOrigin(section, 'role_arn'),
    });
  }
  const named = namedSourceFromProfile(name, section);
  if (named) return { kind: 'named', base: named };
  return { kind: 'profile', profile: sourceProfile! };
}

function finish(base: ProfileBase, hops: RoleHop[], visited: string[]): ProfileChain {
  return { base, hops: [...hops].reverse(), visited };
}
