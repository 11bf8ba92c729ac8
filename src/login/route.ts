// Which sign-in `awsctl login` does for a profile (pure): IAM Identity Center for SSO profiles
// (or when --sso-session is given), console credentials (`aws login`) for a login_session
// profile or one with no credential settings yet, and a refusal for a profile with other
// credentials, which would win over a login session (the AWS CLI refuses the same ones).
import type { Section } from '../profile/model.ts';
import { profileValue } from '../plan/settings.ts';

type LoginRoute = { kind: 'sso' } | { kind: 'console'; existingSession?: string } | { kind: 'refuse'; credentials: string };

const SSO_KEYS = ['sso_session', 'sso_start_url', 'sso_account_id', 'sso_role_name'];

interface RouteInput {
  ssoSessionFlag: boolean;
  /** No profile was named (flag or AWS_PROFILE) and the config has exactly one [sso-session]: as before, that one. */
  onlySsoSession: boolean;
}

export function routeLogin(section: Section | undefined, input: RouteInput): LoginRoute {
  const has = (key: string): boolean => profileValue(section, key) !== undefined;
  if (input.ssoSessionFlag || SSO_KEYS.some(has)) return { kind: 'sso' };
  if (input.onlySsoSession && !has('login_session')) return { kind: 'sso' };
  const other: Array<[string, string]> = [
    ['web_identity_token_file', 'web identity'],
    ['aws_access_key_id', 'access key'],
    ['role_arn', 'assume-role'],
    ['credential_process', 'credential_process'],
    ['credential_source', 'credential_source'],
  ];
  const found = other.find(([key]) => has(key));
  if (found) return { kind: 'refuse', credentials: found[1] };
  const existing = profileValue(section, 'login_session');
  return existing === undefined ? { kind: 'console' } : { kind: 'console', existingSession: existing };
}
