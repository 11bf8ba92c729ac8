// Profiles that cannot work: loops, missing or doubled sources, unknown settings values,
// incomplete web identity and SSO configurations. One line naming the profile, exit 1.
import { join } from 'node:path';
import { BASE_PROFILE } from '../../helpers/fixtures.ts';
import type { HostileCase } from './types.ts';

const ROLE = 'role_arn = arn:aws:iam::111122223333:role/R';
const SSO_SESSION =
  '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n';
const SSO_PROFILE = '[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\nregion = eu-west-1\n';

const config = (text: string) => ({ '.aws/config': text });

export const profileCases: HostileCase[] = [
  { name: 'missing profile', args: ['process', '--profile', 'nope'], files: config(BASE_PROFILE), exit: 1, stderr: /profile nope.*could not be found/ },
  {
    name: 'three-profile source_profile loop',
    args: ['env', '--profile', 'a'],
    files: config(`[profile a]\n${ROLE}\nsource_profile = b\n[profile b]\n${ROLE}\nsource_profile = c\n[profile c]\n${ROLE}\nsource_profile = a\n`),
    exit: 1,
    stderr: /profile a: .*loop: a -> b -> c -> a/,
  },
  {
    name: 'source_profile naming itself without keys',
    args: ['env', '--profile', 'me'],
    files: config(`[profile me]\n${ROLE}\nsource_profile = me\n`),
    exit: 1,
    stderr: /profile me: .*source_profile links form an infinite loop: me -> me/,
  },
  {
    name: 'source_profile that does not exist',
    args: ['whoami', '--profile', 'r'],
    files: config(`[profile r]\n${ROLE}\nsource_profile = ghost\n`),
    exit: 1,
    stderr: /profile r: .*ghost/,
  },
  {
    name: 'both source_profile and credential_source',
    args: ['env', '--profile', 'r'],
    files: config(`${BASE_PROFILE}[profile r]\n${ROLE}\nsource_profile = base\ncredential_source = Environment\n`),
    exit: 1,
    stderr: /profile r: .*both source_profile and credential_source/,
  },
  {
    name: 'invalid credential_source',
    args: ['process', '--profile', 'r'],
    files: config(`[profile r]\n${ROLE}\ncredential_source = Ec2Metadata\n`),
    exit: 1,
    stderr: /profile r: .*credential_source.*Ec2Metadata/,
  },
  {
    name: 'credential_source = Environment with no keys in the environment',
    args: ['process', '--profile', 'r'],
    files: config(`[profile r]\n${ROLE}\ncredential_source = Environment\n`),
    exit: 1,
    stderr: /profile r: .*AWS_ACCESS_KEY_ID/,
  },
  {
    name: 'web_identity_token_file without role_arn',
    args: ['env', '--profile', 'w'],
    files: (r) => ({ 'token.jwt': 'a.b.c', ...config(`[profile w]\nweb_identity_token_file = ${join(r.home, 'token.jwt')}\n`) }),
    exit: 1,
    stderr: /profile w: .*role_arn/,
  },
  {
    name: 'web identity token file missing',
    args: ['env', '--profile', 'w'],
    files: (r) => config(`[profile w]\n${ROLE}\nweb_identity_token_file = ${join(r.home, 'no-token.jwt')}\n`),
    exit: 1,
    stderr: /web identity \(profile w\): the token file \S*no-token\.jwt does not exist/,
  },
  {
    name: 'AWS_ROLE_ARN without a token file',
    args: ['env'],
    env: () => ({ AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/R' }),
    exit: 1,
    stderr: /AWS_WEB_IDENTITY_TOKEN_FILE|no credential source/,
  },
  {
    name: 'sso_session naming a missing [sso-session]',
    args: ['env', '--profile', 's'],
    files: config(SSO_PROFILE),
    exit: 1,
    stderr: /profile s: .*sso-session corp/,
  },
  {
    name: 'sso-session without sso_start_url',
    args: ['env', '--profile', 's'],
    files: config(`${SSO_PROFILE}[sso-session corp]\nsso_region = us-east-1\n`),
    exit: 1,
    stderr: /sso_start_url/,
  },
  {
    name: 'sso profile without sso_role_name',
    args: ['env', '--profile', 's'],
    files: config(`${SSO_PROFILE.replace('sso_role_name = Admin\n', '')}${SSO_SESSION}`),
    exit: 1,
    stderr: /profile s: .*sso_role_name/,
  },
  {
    name: 'legacy sso profile missing sso_region',
    args: ['env', '--profile', 'l'],
    files: config('[profile l]\nsso_start_url = https://x.awsapps.com/start\nsso_account_id = 111122223333\nsso_role_name = Admin\n'),
    exit: 1,
    stderr: /profile l: .*sso_region/,
  },
  {
    name: 'sso_region differing between profile and session',
    args: ['env', '--profile', 's'],
    files: config(`${SSO_PROFILE}sso_region = us-west-2\n${SSO_SESSION}`),
    exit: 1,
    stderr: /profile s: .*sso_region/,
  },
  {
    name: 'sso profile never signed in',
    args: ['env', '--profile', 's'],
    files: config(`${SSO_PROFILE}${SSO_SESSION}`),
    exit: 1,
    stderr: /profile s: .*awsctl login/,
  },
  {
    name: 'sso token cache file is not JSON',
    args: ['env', '--profile', 's'],
    files: { ...config(`${SSO_PROFILE}${SSO_SESSION}`), '.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json': '{"accessToken": "tok' },
    exit: 1,
    stderr: /profile s: .*(login|cache)/,
  },
  {
    name: 'duration_seconds that is not a number',
    args: ['env', '--profile', 'd'],
    files: config(`${BASE_PROFILE}[profile d]\n${ROLE}\nsource_profile = base\nduration_seconds = an hour\n`),
    exit: 1,
    stderr: /profile d: .*duration_seconds/,
  },
  {
    name: 'role_arn that is not an ARN',
    args: ['env', '--profile', 'd'],
    files: config(`${BASE_PROFILE}[profile d]\nrole_arn = Admin\nsource_profile = base\n`),
    exit: 1,
    stderr: /profile d: .*(role_arn|ARN|RoleArn)/,
  },
  {
    name: 'static profile with a key id but no secret',
    args: ['process', '--profile', 'k'],
    files: { '.aws/credentials': '[k]\naws_access_key_id = AKIAONLYTHEID0000001\n' },
    exit: 1,
    stderr: /profile k: .*aws_secret_access_key/,
  },
  {
    name: 'AWS_PROFILE naming a missing profile',
    args: ['env'],
    env: () => ({ AWS_PROFILE: 'ghost' }),
    files: config(BASE_PROFILE),
    exit: 1,
    stderr: /profile ghost.*could not be found/,
  },
];
