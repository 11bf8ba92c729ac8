// The profile fixtures the suites share, defined once: one set of long-term keys (a secret of
// real length, with the / and + that quoting must survive), the profiles built on them, the MFA
// device, and an IAM Identity Center setup. A test that needs a variation appends to these or
// writes its own text beside the test; it does not redefine these names.

export const BASE_KEY = { id: 'AKIABASEKEY000000001', secret: 'base/Secret+Key0123456789abcdefghijklmno' };
/** The identity the fake STS reports for BASE_KEY. */
export const BASE_ARN = 'arn:aws:iam::123456789012:user/base-user';

/** Profile base: BASE_KEY, region eu-west-1. */
export const BASE_PROFILE = `[profile base]
aws_access_key_id = ${BASE_KEY.id}
aws_secret_access_key = ${BASE_KEY.secret}
region = eu-west-1
`;

/** BASE_PROFILE, and profile dev: role Dev in account 111122223333 assumed with base's keys, region eu-west-2. */
export const ROLE_PROFILE = `${BASE_PROFILE}
[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
region = eu-west-2
`;

/** An MFA device of the base user. */
export const MFA_SERIAL = 'arn:aws:iam::123456789012:mfa/me';

export const START_URL = 'https://d-1234567890.awsapps.com/start';

/** sso-session corp (eu-west-1) and profile dev: account 111111111111, role ReadOnly, region eu-central-1. */
export const SSO_CONFIG = `[sso-session corp]
sso_start_url = ${START_URL}
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = eu-central-1
`;
