// What `awsctl env` prints, before any quoting: the variables to set and the ones to clear
// (cli.md, `awsctl env`). Pure: credentials and region in, an ordered assignment list out.
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError } from '../errors.ts';
import type { Env } from '../io/context.ts';
import { awsctlExportedNames, EXPORT_MARKER, exportRecord } from '../profile/awsctl-exports.ts';
import { formatRfc3339Utc } from './rfc3339.ts';

export interface EnvAssignment {
  name: string;
  value: string;
}

/** Variables to set (in this order) and variables to clear. */
export interface EnvAssignments {
  set: EnvAssignment[];
  unset: string[];
}

/** Everything `awsctl env` may set about an identity, in print order. */
const CREDENTIAL_ENV_NAMES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID'] as const;

const REGION_ENV_NAMES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/**
 * Always cleared: the AWS SDK for JavaScript v3 skips environment keys while AWS_PROFILE is set,
 * and other SDKs would otherwise resolve the profile again instead of using the printed keys.
 */
export const PROFILE_ENV_NAMES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

/**
 * Other variables that carry an identity, left by another tool or an earlier session; each is
 * cleared whenever awsctl puts an identity into an environment (README, "What env and exec set").
 * - AWS_SECURITY_TOKEN: botocore reads it BEFORE AWS_SESSION_TOKEN (aws-vault and saml2aws set
 *   it), so a stale one would be sent with the new key.
 * - AWS_SECRET_KEY, AWS_ACCESS_KEY: the AWS SDK for Java v1 reads AWS_SECRET_KEY before
 *   AWS_SECRET_ACCESS_KEY.
 * - AWS_SESSION_EXPIRATION: aws-vault's expiry, shown by shell prompts.
 * - AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, AWS_WEB_IDENTITY_TOKEN_FILE: web identity from the
 *   environment; AWS_CONTAINER_*: the container credentials endpoint; AWS_CREDENTIAL_FILE: the
 *   old EC2 tools' key file. SDKs that rank these above environment keys, or fall back to them,
 *   would use another identity.
 */
export const STALE_IDENTITY_ENV_NAMES = [
  ...PROFILE_ENV_NAMES,
  'AWS_SECURITY_TOKEN',
  'AWS_SESSION_EXPIRATION',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_CREDENTIAL_FILE',
] as const;

type EnvCredentials = Pick<AwsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration' | 'accountId'>;

/**
 * The variables that make a process use `credentials` (and `region`, when known). `current` is
 * the environment the lines will be evaluated in: a region awsctl exported there earlier is
 * cleared when this identity has none (a region the user set stays).
 */
export function credentialEnvironment(credentials: EnvCredentials, region?: string, current: Env = {}): EnvAssignments {
  if (credentials.accessKeyId === '' || credentials.secretAccessKey === '') {
    throw new AwsctlError('cannot print credentials', 'the access key id or secret access key is empty');
  }
  const set: EnvAssignment[] = [
    { name: 'AWS_ACCESS_KEY_ID', value: credentials.accessKeyId },
    { name: 'AWS_SECRET_ACCESS_KEY', value: credentials.secretAccessKey },
  ];
  const unset: string[] = [...STALE_IDENTITY_ENV_NAMES];
  const temporary = credentials.sessionToken !== undefined && credentials.sessionToken !== '';
  if (temporary) {
    set.push({ name: 'AWS_SESSION_TOKEN', value: credentials.sessionToken as string });
  } else {
    // A token left over from earlier temporary credentials would be sent with the new
    // long-term key and every call would fail with InvalidClientTokenId.
    unset.push('AWS_SESSION_TOKEN');
  }
  if (credentials.expiration !== undefined) {
    set.push({ name: 'AWS_CREDENTIAL_EXPIRATION', value: formatRfc3339Utc(credentials.expiration) });
  } else {
    // The SDK for JavaScript v3 reads this variable: a stale past date would mark fresh
    // long-term keys as expired.
    unset.push('AWS_CREDENTIAL_EXPIRATION');
  }
  // botocore builds account-based endpoints (DynamoDB) from AWS_ACCOUNT_ID: another identity's
  // account would route calls to it.
  if (credentials.accountId !== undefined && credentials.accountId !== '') set.push({ name: 'AWS_ACCOUNT_ID', value: credentials.accountId });
  else unset.push('AWS_ACCOUNT_ID');
  const exported = awsctlExportedNames(current);
  if (region !== undefined && region !== '') {
    set.push({ name: 'AWS_REGION', value: region }, { name: 'AWS_DEFAULT_REGION', value: region });
  } else {
    unset.push(...REGION_ENV_NAMES.filter((name) => exported.has(name)));
  }
  // A region the user set themselves (and which won, as AWS_REGION does) is printed again but
  // not recorded as awsctl's: `--unset` must leave it.
  const userOwn = (name: string, value: string) => current[name] === value && !exported.has(name);
  const record = exportRecord(set.filter(({ name, value }) => !((REGION_ENV_NAMES as readonly string[]).includes(name) && userOwn(name, value))));
  if (record !== undefined) set.push({ name: EXPORT_MARKER, value: record });
  else unset.push(EXPORT_MARKER);
  return { set, unset };
}

/**
 * `awsctl env --unset`: clears every identity variable, and the regions only where they still
 * hold what awsctl exported (never a region the user set).
 */
export function clearedEnvironment(current: Env = {}): EnvAssignments {
  const exported = awsctlExportedNames(current);
  const regions = REGION_ENV_NAMES.filter((name) => exported.has(name));
  return { set: [], unset: [...CREDENTIAL_ENV_NAMES, ...STALE_IDENTITY_ENV_NAMES, ...regions, EXPORT_MARKER] };
}
