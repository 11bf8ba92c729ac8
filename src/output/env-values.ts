// What `awsctl env` prints, before any quoting: the variables to set and the ones to clear
// (cli.md, `awsctl env`). Pure: credentials and region in, an ordered assignment list out.
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError } from '../errors.ts';
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

/** Everything `awsctl env` may set, in print order; `--unset` clears all of them. */
export const CREDENTIAL_ENV_NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
] as const;

/**
 * Always cleared: the AWS SDK for JavaScript v3 skips environment keys while AWS_PROFILE is set,
 * and other SDKs would otherwise resolve the profile again instead of using the printed keys.
 */
export const PROFILE_ENV_NAMES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

export type EnvCredentials = Pick<AwsCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>;

/** The variables that make a process use `credentials` (and `region`, when known). */
export function credentialEnvironment(credentials: EnvCredentials, region?: string): EnvAssignments {
  if (credentials.accessKeyId === '' || credentials.secretAccessKey === '') {
    throw new AwsctlError('cannot print credentials', 'the access key id or secret access key is empty');
  }
  const set: EnvAssignment[] = [
    { name: 'AWS_ACCESS_KEY_ID', value: credentials.accessKeyId },
    { name: 'AWS_SECRET_ACCESS_KEY', value: credentials.secretAccessKey },
  ];
  const unset: string[] = [...PROFILE_ENV_NAMES];
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
  if (region !== undefined && region !== '') {
    set.push({ name: 'AWS_REGION', value: region }, { name: 'AWS_DEFAULT_REGION', value: region });
  }
  return { set, unset };
}

/** `awsctl env --unset`: clears every variable `awsctl env` could have set. */
export function clearedEnvironment(): EnvAssignments {
  return { set: [], unset: [...CREDENTIAL_ENV_NAMES] };
}
