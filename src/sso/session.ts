// Which IAM Identity Center sign-in a command is about (pure): the --sso-session flag, else the
// selected profile's sso_session, else its legacy sso_start_url + sso_region, else — when the
// config has exactly one [sso-session] — that one. The result decides the token cache file
// (sha1 of the session name, or of the start URL for legacy profiles) and the registration
// cache key, exactly as the AWS CLI v2 computes them.
import { AwsctlError } from '../errors.ts';
import type { ProfileSet, Section } from '../profile/model.ts';
import { profileValue } from '../plan/settings.ts';

export interface SsoSessionConfig {
  /** The [sso-session] name; undefined for a legacy profile (start URL and region in the profile). */
  sessionName?: string;
  startUrl: string;
  /** sso_region: where the OIDC service and the portal are called. */
  region: string;
  /**
   * sso_registration_scopes parsed as the AWS CLI does; undefined when the setting is absent
   * (not []), because the registration cache key hashes exactly this value.
   */
  registrationScopes?: string[];
  /** The section the settings came from, for endpoint overrides (endpoint_url, services). */
  section?: Section;
  /** How it was chosen, for --debug. */
  chosenBy: 'flag' | 'profile' | 'legacy-profile' | 'only-session';
}

interface SessionSelection {
  sessionFlag?: string;
  profileName: string;
  /** Whether the profile was named explicitly (--profile / AWS_PROFILE); the single-session fallback applies only when not. */
  profileExplicit?: boolean;
}

/** awscli.customizations.sso.utils.parse_sso_registration_scopes: comma-split, trimmed, empties dropped. */
export function parseRegistrationScopes(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function fromSessionSection(set: ProfileSet, name: string, chosenBy: SsoSessionConfig['chosenBy'], via?: string): SsoSessionConfig {
  const section = set.ssoSessions[name];
  if (!section) {
    throw new AwsctlError(`sso-session ${name}`, `there is no [sso-session ${name}] in the config file${via ? ` (named by ${via})` : ''}`, {
      hint: `add it: awsctl configure set sso-session.${name}.sso_start_url <url> and sso-session.${name}.sso_region <region>`,
    });
  }
  const startUrl = profileValue(section, 'sso_start_url');
  const region = profileValue(section, 'sso_region');
  const missing = [startUrl ? undefined : 'sso_start_url', region ? undefined : 'sso_region'].filter(Boolean);
  if (missing.length > 0) {
    throw new AwsctlError(`sso-session ${name}`, `[sso-session ${name}] is missing ${missing.join(' and ')}`, {
      hint: `set it with: awsctl configure set sso-session.${name}.${missing[0]} <value>`,
      file: section.origin?.file,
      line: section.origin?.line,
    });
  }
  const rawScopes = section.properties['sso_registration_scopes']?.value;
  const config: SsoSessionConfig = { sessionName: name, startUrl: startUrl!, region: region!, section, chosenBy };
  if (rawScopes !== undefined) config.registrationScopes = parseRegistrationScopes(rawScopes);
  return config;
}

export function resolveSsoSession(set: ProfileSet, selection: SessionSelection): SsoSessionConfig {
  if (selection.sessionFlag !== undefined) return fromSessionSection(set, selection.sessionFlag, 'flag', '--sso-session');
  const name = selection.profileName;
  const profile = set.profiles[name];
  const sessionName = profileValue(profile, 'sso_session');
  if (sessionName !== undefined) return fromSessionSection(set, sessionName, 'profile', `profile ${name}`);
  const startUrl = profileValue(profile, 'sso_start_url');
  const region = profileValue(profile, 'sso_region');
  if (startUrl !== undefined && region !== undefined) return { startUrl, region, section: profile, chosenBy: 'legacy-profile' };
  if (startUrl !== undefined || region !== undefined) {
    throw new AwsctlError(`profile ${name}`, `it sets ${startUrl ? 'sso_start_url but not sso_region' : 'sso_region but not sso_start_url'}`, {
      hint: 'set both, or better, move them into an [sso-session] and set sso_session',
      profile: name,
    });
  }
  const sessions = Object.keys(set.ssoSessions);
  if (!selection.profileExplicit && sessions.length === 1) return fromSessionSection(set, sessions[0]!, 'only-session');
  const why = profile ? 'it has no sso_session (nor sso_start_url and sso_region)' : 'there is no such profile';
  throw new AwsctlError(`cannot tell which IAM Identity Center sign-in to use for profile ${name}`, why, {
    hint:
      sessions.length > 0
        ? `pass --sso-session (one of: ${sessions.join(', ')})`
        : 'add an [sso-session NAME] section with sso_start_url and sso_region, then pass --sso-session NAME',
    profile: name,
  });
}

/** For messages: the session name, or the start URL of a legacy profile. */
export function sessionLabel(config: Pick<SsoSessionConfig, 'sessionName' | 'startUrl'>): string {
  return config.sessionName ?? config.startUrl;
}

/** What to run to sign in to this session again. */
export function loginCommand(config: Pick<SsoSessionConfig, 'sessionName'>, profile?: string): string {
  if (config.sessionName !== undefined) return `awsctl login --sso-session ${config.sessionName}`;
  return profile ? `awsctl login --profile ${profile}` : 'awsctl login';
}
