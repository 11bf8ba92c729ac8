// Reading one profile: is it a role hop, and if not, which base source does it name?
// The order is botocore's (credentials.py, ProfileProviderBuilder.providers, read in 1.43 and
// the same in Debian's 1.29 but for login): web identity, SSO (claimed only by sso_account_id or
// sso_role_name), static keys in the CREDENTIALS file, login_session, credential_process, static
// keys in the CONFIG file. So keys in ~/.aws/credentials beat a credential_process in
// ~/.aws/config for the same profile, and keys in the config file lose to it. credential_source
// means something only beside role_arn (botocore's AssumeRoleProvider); alone it is ignored.
import type { Origin, ProfileSet, Section } from '../profile/model.ts';
import { PlanError, profileWhat } from './plan-error.ts';
import { isValidRegion } from './region-name.ts';
import { profileOrigin, profileValue } from './settings.ts';
import type { ProfileBase, RoleHop, StaticKeys } from './types.ts';
import { KEY_STORE_SETTING, SESSION_CACHE_SETTING, SESSION_DURATION_SETTING } from './stored-keys-settings.ts';

/** A role hop when the profile has role_arn (and is not a web-identity profile, whose role_arn is its own). */
export function roleHopFromProfile(name: string, section: Section): RoleHop | undefined {
  if (profileValue(section, 'web_identity_token_file') !== undefined) return undefined;
  const roleArn = profileValue(section, 'role_arn');
  if (roleArn === undefined) return undefined;
  const hop: RoleHop = { roleArn, profile: name };
  const origin = profileOrigin(section, 'role_arn');
  if (origin) hop.origin = origin;
  const externalId = profileValue(section, 'external_id');
  if (externalId !== undefined) hop.externalId = externalId;
  const mfaSerial = profileValue(section, 'mfa_serial');
  if (mfaSerial !== undefined) hop.mfaSerial = mfaSerial;
  const sessionName = profileValue(section, 'role_session_name');
  if (sessionName !== undefined) hop.roleSessionName = sessionName;
  const duration = profileValue(section, 'duration_seconds');
  if (duration !== undefined) hop.durationSeconds = parseDuration(name, section, duration);
  return hop;
}

function parseDuration(name: string, section: Section, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    throw new PlanError('invalid-setting', profileWhat(name), `duration_seconds = ${text} is not a whole number of seconds`, {
      hint: 'use a value such as 3600 (STS accepts 900 up to the role’s maximum session duration)',
      profile: name,
      origin: profileOrigin(section, 'duration_seconds'),
    });
  }
  return Number(text);
}

type KeysFile = 'credentials' | 'config';

/** A key's value as written in one of the two files (trimmed; empty = absent). */
function valueInFile(section: Section, key: string, file: KeysFile): { value: string; origin: Origin } | undefined {
  const property = section.properties[key];
  const inFile = property?.origin.kind === file ? property : file === 'config' ? section.shadowed?.[key] : undefined;
  const value = inFile?.value.trim();
  return inFile && value ? { value, origin: inFile.origin } : undefined;
}

/**
 * Static keys written in one file for this profile (botocore's SharedCredentialProvider for the
 * credentials file, ConfigProvider for the config file): claimed by aws_access_key_id in that
 * file, which then needs aws_secret_access_key in the same file (PartialCredentialsError).
 * aws_session_token (or the old aws_security_token) comes from the same file.
 */
export function staticKeysFromFile(name: string, section: Section, file: KeysFile): ProfileBase | undefined {
  const accessKeyId = valueInFile(section, 'aws_access_key_id', file);
  if (accessKeyId === undefined) return undefined;
  const secretAccessKey = valueInFile(section, 'aws_secret_access_key', file);
  if (secretAccessKey === undefined) {
    throw new PlanError('partial-keys', profileWhat(name), `profile missing aws_secret_access_key in the ${file} file, where its aws_access_key_id is`, {
      hint: `write aws_access_key_id and aws_secret_access_key together in the same file`,
      profile: name,
      origin: accessKeyId.origin,
    });
  }
  const keys: StaticKeys = { accessKeyId: accessKeyId.value, secretAccessKey: secretAccessKey.value };
  const sessionToken = valueInFile(section, 'aws_session_token', file) ?? valueInFile(section, 'aws_security_token', file);
  if (sessionToken !== undefined) keys.sessionToken = sessionToken.value;
  const accountId = valueInFile(section, 'aws_account_id', file);
  if (accountId !== undefined) keys.accountId = accountId.value;
  return { kind: 'static', profile: name, keys, origin: accessKeyId.origin };
}

/** botocore's `_has_static_credentials`: a source profile naming either key uses its own providers, not its role. */
export function namesStaticKeys(section: Section): boolean {
  return profileValue(section, 'aws_access_key_id') !== undefined || profileValue(section, 'aws_secret_access_key') !== undefined;
}

function webIdentityFromProfile(name: string, section: Section): ProfileBase | undefined {
  const tokenFile = profileValue(section, 'web_identity_token_file');
  if (tokenFile === undefined) return undefined;
  const roleArn = profileValue(section, 'role_arn');
  const origin = profileOrigin(section, 'web_identity_token_file');
  if (roleArn === undefined) {
    // AWS_ROLE_ARN is deliberately not used here: the SDKs only read it for the env provider.
    throw new PlanError('web-identity-without-role', profileWhat(name), '`web_identity_token_file` was specified but `role_arn` was missing', {
      hint: 'add role_arn to the same profile',
      profile: name,
      origin,
    });
  }
  const base: ProfileBase = { kind: 'web-identity', from: 'profile', profile: name, roleArn, tokenFile };
  const sessionName = profileValue(section, 'role_session_name');
  if (sessionName !== undefined) base.roleSessionName = sessionName;
  if (origin) base.origin = origin;
  return base;
}

function ssoError(code: 'invalid-sso' | 'sso-session-not-found', name: string, section: Section, key: string, why: string, hint: string): PlanError {
  return new PlanError(code, profileWhat(name), why, { hint, profile: name, origin: profileOrigin(section, key) });
}

/** Legacy (sso_start_url + sso_region in the profile) or sso-session form; undefined when no sso_* key. */
function ssoFromProfile(set: ProfileSet, name: string, section: Section, options: { claimedOnly?: boolean } = {}): ProfileBase | undefined {
  const accountId = profileValue(section, 'sso_account_id');
  const roleName = profileValue(section, 'sso_role_name');
  const sessionName = profileValue(section, 'sso_session');
  let startUrl = profileValue(section, 'sso_start_url');
  let ssoRegion = profileValue(section, 'sso_region');
  if ([accountId, roleName, sessionName, startUrl, ssoRegion].every((v) => v === undefined)) return undefined;
  // botocore's SSOProvider is claimed by sso_account_id or sso_role_name only; a profile with just
  // an sso_session is read as a token-only profile, after every other source (see below).
  if (accountId === undefined && roleName === undefined && options.claimedOnly) return undefined;
  if (sessionName !== undefined) {
    const session = set.ssoSessions[sessionName];
    for (const [key, value] of [
      ['sso_start_url', startUrl],
      ['sso_region', ssoRegion],
    ] as const) {
      // botocore refuses only a value that differs from the sso-session's.
      if (value !== undefined && value !== profileValue(session, key)) {
        throw ssoError(
          'invalid-sso',
          name,
          section,
          key,
          `\`${key}\` can only be specified in the [sso-session] config when a session name is given`,
          `move ${key} into [sso-session ${sessionName}]`,
        );
      }
    }
    if (!session) {
      throw ssoError(
        'sso-session-not-found',
        name,
        section,
        'sso_session',
        `sso-session named \`${sessionName}\` (referenced by profile \`${name}\`) was not found`,
        `add an [sso-session ${sessionName}] section to the config file`,
      );
    }
    startUrl = profileValue(session, 'sso_start_url');
    ssoRegion = profileValue(session, 'sso_region');
  }
  if ((accountId === undefined) !== (roleName === undefined)) {
    const [set1, missing] = accountId === undefined ? ['sso_role_name', 'sso_account_id'] : ['sso_account_id', 'sso_role_name'];
    throw ssoError(
      'invalid-sso',
      name,
      section,
      set1,
      `if \`${set1}\` is set, then \`${missing}\` must also be set`,
      `set ${missing} (awsctl sso accounts lists them)`,
    );
  }
  const where = sessionName !== undefined ? `[sso-session ${sessionName}]` : `profile ${name}`;
  if (ssoRegion === undefined)
    throw ssoError('invalid-sso', name, section, 'sso_session', `${where} is missing sso_region`, 'set sso_region to the region of your IAM Identity Center');
  if (startUrl === undefined)
    throw ssoError('invalid-sso', name, section, 'sso_session', `${where} is missing sso_start_url`, 'set sso_start_url to your AWS access portal URL');
  if (!isValidRegion(ssoRegion)) {
    throw ssoError(
      'invalid-sso',
      name,
      section,
      sessionName !== undefined ? 'sso_session' : 'sso_region',
      `${where}: sso_region = ${JSON.stringify(ssoRegion)} is not a valid region name (the AWS CLI refuses it too: InvalidRegionError)`,
      'use the region of your IAM Identity Center, such as us-east-1',
    );
  }
  const base: ProfileBase = { kind: 'sso', profile: name, startUrl, ssoRegion };
  if (sessionName !== undefined) base.ssoSession = sessionName;
  if (accountId !== undefined) base.accountId = accountId;
  if (roleName !== undefined) base.roleName = roleName;
  const origin = profileOrigin(section, sessionName !== undefined ? 'sso_session' : 'sso_start_url');
  if (origin) base.origin = origin;
  return base;
}

function loginBase(name: string, section: Section): ProfileBase | undefined {
  const loginSessionArn = profileValue(section, 'login_session');
  if (loginSessionArn === undefined) return undefined;
  const base: ProfileBase = { kind: 'login-session', profile: name, loginSessionArn };
  const origin = profileOrigin(section, 'login_session');
  if (origin) base.origin = origin;
  return base;
}

function processBase(name: string, section: Section): ProfileBase | undefined {
  // Keys in awsctl's store: the credential_process line names awsctl itself, which reads the store.
  const stored = storedKeysFromProfile(name, section);
  if (stored) return stored;
  const command = profileValue(section, 'credential_process');
  if (command === undefined) return undefined;
  const base: ProfileBase = { kind: 'credential-process', profile: name, command };
  // The process's own AccountId wins at run time; this is only the fallback.
  const accountId = profileValue(section, 'aws_account_id');
  if (accountId !== undefined) base.accountId = accountId;
  const origin = profileOrigin(section, 'credential_process');
  if (origin) base.origin = origin;
  return base;
}

/** The base source a profile names, or a 'no-credentials-in-profile' error (not configured). */
export function baseFromProfile(set: ProfileSet, name: string, section: Section): ProfileBase {
  const base = configuredBaseFromProfile(set, name, section);
  if (base) return base;
  throw new PlanError('no-credentials-in-profile', profileWhat(name), `profile \`${name}\` did not contain credential information`, {
    hint: 'add keys, role_arn with source_profile or credential_source, sso_session, or credential_process',
    notConfigured: true,
    profile: name,
  });
}

/**
 * baseFromProfile, with undefined for a profile that holds no credential settings at all (the
 * "not configured" case) rather than an error: `awsctl profiles` asks this of every profile, and
 * building an Error (with its stack) for each settings-only profile was most of its time.
 * The order is botocore's provider order (top of this file); the first source configured wins.
 */
export function configuredBaseFromProfile(set: ProfileSet, name: string, section: Section): ProfileBase | undefined {
  return (
    webIdentityFromProfile(name, section) ??
    ssoFromProfile(set, name, section, { claimedOnly: true }) ??
    staticKeysFromFile(name, section, 'credentials') ??
    loginBase(name, section) ??
    processBase(name, section) ??
    staticKeysFromFile(name, section, 'config') ??
    // A token-only SSO profile (sso_session alone): no credentials; the planner says why.
    ssoFromProfile(set, name, section)
  );
}

/** credential_source beside role_arn: the named source supplies the role's credentials. */
export function namedSourceFromProfile(name: string, section: Section): ProfileBase | undefined {
  const credentialSource = profileValue(section, 'credential_source');
  if (credentialSource === undefined) return undefined;
  const base: ProfileBase = { kind: 'named-source', profile: name, source: credentialSource };
  const origin = profileOrigin(section, 'credential_source');
  if (origin) base.origin = origin;
  return base;
}

/**
 * `awsctl_key_store = keyring|file`: the profile's long-term keys are in awsctl's store (see
 * src/keys/). Its `credential_process = awsctl process --profile X` is what the SDKs run; awsctl
 * itself reads the store instead of running itself. Checked just before credential_process.
 */
function storedKeysFromProfile(name: string, section: Section): ProfileBase | undefined {
  const store = profileValue(section, KEY_STORE_SETTING);
  if (store === undefined) return undefined;
  const origin = profileOrigin(section, KEY_STORE_SETTING);
  if (store !== 'keyring' && store !== 'file') {
    throw new PlanError('invalid-setting', profileWhat(name), `${KEY_STORE_SETTING} = ${store} is not keyring or file`, {
      hint: `set ${KEY_STORE_SETTING} = keyring or file (the store that holds the keys: awsctl keys list)`,
      profile: name,
      origin,
    });
  }
  const base: ProfileBase = { kind: 'stored-keys', profile: name, store };
  const serial = profileValue(section, 'mfa_serial');
  if (serial !== undefined) base.mfaSerial = serial;
  const duration = profileValue(section, SESSION_DURATION_SETTING);
  if (duration !== undefined) {
    if (!/^\d+$/.test(duration) || Number(duration) < 900 || Number(duration) > 129600) {
      throw new PlanError('invalid-setting', profileWhat(name), `${SESSION_DURATION_SETTING} = ${duration} is not a number of seconds from 900 to 129600`, {
        hint: 'use a value such as 3600 (sts:GetSessionToken accepts 900 to 129600)',
        profile: name,
        origin: profileOrigin(section, SESSION_DURATION_SETTING),
      });
    }
    base.sessionDurationSeconds = Number(duration);
  }
  const sessionCache = profileValue(section, SESSION_CACHE_SETTING);
  if (sessionCache !== undefined && sessionCache !== 'file' && sessionCache !== 'store') {
    throw new PlanError('invalid-setting', profileWhat(name), `${SESSION_CACHE_SETTING} = ${sessionCache} is not file or store`, {
      hint: 'use file (~/.aws/cli/cache, the default) or store (beside the keys)',
      profile: name,
      origin: profileOrigin(section, SESSION_CACHE_SETTING),
    });
  }
  if (sessionCache === 'store') base.sessionInStore = true;
  if (origin) base.origin = origin;
  return base;
}
