// Cross-SDK notes: where another major AWS SDK would read the same files and environment
// differently from the AWS CLI (whose rules awsctl follows), one note per SDK and difference.
// They fall out of the planner's own reading of the profile: which sources the selected profile
// configures (the same readers the planner uses), put in each SDK's order of preference, read
// from that SDK's source:
// - AWS CLI / botocore (awsctl): web identity, SSO (sso_account_id/sso_role_name), keys in the
//   credentials file, login_session, credential_process, keys in the config file
//   (credentials.py ProfileProviderBuilder); environment keys also under AWS_PROFILE; web
//   identity from the environment before the profile's own sources.
// - JavaScript v3: chain env (skipped while AWS_PROFILE is set) → SSO → profile (role, static
//   keys in either file, web identity, credential_process, SSO, login) → credential_process →
//   web identity from the environment (credential-provider-node defaultProvider,
//   credential-provider-ini resolveProfileData).
// - Go v2: a profile named by AWS_PROFILE wins over environment keys and web identity; in a
//   profile: role, static keys, credential_source, web identity, SSO, credential_process
//   (config/resolve_credentials.go resolveCredsFromProfile).
// - Rust: env → profile → web identity from the environment; in a profile: web identity, SSO,
//   credential_process, static keys (aws-config profile/credentials base_provider); names outside
//   letters, digits and - / . % @ _ : + are ignored (profile-file rules, as Kotlin).
import type { Env } from '../io/context.ts';
import type { ProfileSet, Section } from '../profile/model.ts';
import { isValidIdentifier } from '../ini/syntax.ts';
import { staticKeysFromFile } from './profile-base.ts';
import { envValue, profileValue } from './settings.ts';
import type { ChainStep, SelectedProfile } from './types.ts';

export interface CrossSdkNote {
  /** 'JavaScript v3', 'Go v2', 'Rust'. */
  sdk: string;
  /** What that SDK would use instead, in words. */
  wouldUse: string;
  /** Why it differs (the rule of that SDK). */
  because: string;
}

type ProfileSource = 'web identity' | 'SSO' | 'static keys in the credentials file' | 'login_session' | 'credential_process' | 'static keys in the config file';

/** The sources the profile configures, by the planner's readers (errors count as "not this source"). */
function configuredSources(section: Section): Set<ProfileSource> {
  const found = new Set<ProfileSource>();
  const has = (key: string) => profileValue(section, key) !== undefined;
  if (has('web_identity_token_file')) found.add('web identity');
  if (has('sso_account_id') || has('sso_role_name')) found.add('SSO');
  const keysIn = (file: 'credentials' | 'config') => {
    try {
      return staticKeysFromFile(section.name, section, file) !== undefined;
    } catch {
      return false;
    }
  };
  if (keysIn('credentials')) found.add('static keys in the credentials file');
  if (has('login_session')) found.add('login_session');
  if (has('credential_process')) found.add('credential_process');
  if (keysIn('config')) found.add('static keys in the config file');
  return found;
}

const KEYS: ProfileSource[] = ['static keys in the credentials file', 'static keys in the config file'];
const ORDERS: { sdk: string; order: ProfileSource[][]; rule: string }[] = [
  {
    sdk: 'AWS CLI',
    order: [['web identity'], ['SSO'], ['static keys in the credentials file'], ['login_session'], ['credential_process'], ['static keys in the config file']],
    rule: '',
  },
  {
    sdk: 'JavaScript v3',
    order: [['SSO'], KEYS, ['web identity'], ['credential_process'], ['login_session']],
    rule: 'its chain tries SSO first, then static keys in either file before web identity and credential_process',
  },
  {
    sdk: 'Go v2',
    order: [KEYS, ['web identity'], ['SSO'], ['credential_process']],
    rule: 'it takes static keys in either file first, then web identity, SSO, credential_process',
  },
  {
    sdk: 'Rust',
    order: [['web identity'], ['SSO'], ['login_session'], ['credential_process'], KEYS],
    rule: 'it takes static keys in either file last, after credential_process',
  },
];

function pick(order: ProfileSource[][], found: Set<ProfileSource>): ProfileSource[] | undefined {
  return order.find((group) => group.some((source) => found.has(source)))?.filter((source) => found.has(source));
}

interface CrossSdkInput {
  env: Env;
  profiles: ProfileSet;
  profile: SelectedProfile;
  steps: ChainStep[];
}

export function crossSdkNotes(input: CrossSdkInput): CrossSdkNote[] {
  const notes: CrossSdkNote[] = [];
  const { env, profile, steps } = input;
  const section = input.profiles.profiles[profile.name];
  const used = steps.find((s) => s.status !== 'skip');
  const profileStep = steps.find((s) => s.step === 'profile');
  const profileUsable = profileStep?.status === 'try';
  const explicitEnv = profile.origin === 'AWS_PROFILE' || profile.origin === 'AWS_DEFAULT_PROFILE';

  if (used?.step === 'environment' && explicitEnv && profileUsable) {
    for (const sdk of ['JavaScript v3', 'Go v2']) {
      notes.push({ sdk, wouldUse: `profile ${profile.name}`, because: `it skips AWS_ACCESS_KEY_ID when ${profile.origin} names a profile` });
    }
  }
  if (used?.step === 'web-identity-env' && profileUsable) {
    for (const sdk of ['JavaScript v3', 'Rust']) {
      notes.push({ sdk, wouldUse: `profile ${profile.name}`, because: 'it reads the profile before AWS_WEB_IDENTITY_TOKEN_FILE' });
    }
  }
  if (used?.step === 'web-identity-env' && explicitEnv && !profileUsable && envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') !== undefined && section) {
    notes.push({
      sdk: 'Go v2',
      wouldUse: `profile ${profile.name} only`,
      because: `it ignores AWS_WEB_IDENTITY_TOKEN_FILE when ${profile.origin} names a profile`,
    });
  }
  if (used?.step === 'profile' && used.status === 'try' && used.chain.hops.length === 0 && section) {
    const found = configuredSources(section);
    const ours = pick(ORDERS[0]!.order, found);
    for (const { sdk, order, rule } of ORDERS.slice(1)) {
      const theirs = pick(order, found);
      if (ours && theirs && !theirs.includes(ours[0]!))
        notes.push({ sdk, wouldUse: theirs.join(' or '), because: `${rule} (awsctl and the AWS CLI use ${ours[0]})` });
    }
  }
  if (section && !isValidIdentifier(profile.name)) {
    notes.push({
      sdk: 'Rust',
      wouldUse: 'no profile of this name',
      because: 'it ignores profile names outside letters, digits and - / . % @ _ : + (so does Kotlin)',
    });
  }
  if (section && profileValue(section, 'credential_source') !== undefined && profileValue(section, 'role_arn') === undefined) {
    notes.push({
      sdk: 'Go v2',
      wouldUse: `the credential_source (${profileValue(section, 'credential_source')}) itself`,
      because: 'it reads credential_source without role_arn; the AWS CLI ignores it',
    });
  }
  return notes;
}
