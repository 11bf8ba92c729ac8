// Keys that are simply written down: environment variables, a profile's aws_access_key_id, or
// credential_source = Environment. No I/O.
import type { AwsCredentials } from '../../aws/types.ts';
import type { StaticKeys } from '../../plan/types.ts';

export function keysToCredentials(keys: StaticKeys, expiration?: string): AwsCredentials {
  const credentials: AwsCredentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
  if (keys.sessionToken !== undefined) credentials.sessionToken = keys.sessionToken;
  if (keys.accountId !== undefined) credentials.accountId = keys.accountId;
  if (expiration !== undefined) {
    const date = new Date(expiration);
    // An unreadable AWS_CREDENTIAL_EXPIRATION is ignored, as the SDKs do, rather than failing the keys.
    if (!Number.isNaN(date.getTime())) credentials.expiration = date;
  }
  return credentials;
}
