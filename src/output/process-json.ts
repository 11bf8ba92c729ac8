// `awsctl process`: the credential_process output every AWS SDK reads
// (SDKs and Tools Reference Guide, "Process credential provider").
import type { AwsCredentials } from '../aws/types.ts';
import { formatRfc3339Utc } from './rfc3339.ts';

/**
 * One line of JSON, keys in the documented order:
 * `{"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":…,"AccountId":…}`.
 * SessionToken only for temporary credentials, Expiration only when known (RFC 3339 UTC), and
 * AccountId only when known: the SDKs that understand it (it is part of the process-credential
 * format since 2024) use it for account-based endpoints, and the others ignore unknown keys.
 */
export function formatProcessJson(credentials: AwsCredentials): string {
  const output: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
  };
  if (credentials.sessionToken !== undefined && credentials.sessionToken !== '') output.SessionToken = credentials.sessionToken;
  if (credentials.expiration !== undefined) output.Expiration = formatRfc3339Utc(credentials.expiration);
  if (credentials.accountId !== undefined && credentials.accountId !== '') output.AccountId = credentials.accountId;
  return `${JSON.stringify(output)}\n`;
}
