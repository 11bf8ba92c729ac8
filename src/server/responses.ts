// The shapes the credential server answers with: the container endpoint's JSON (which botocore
// and the AWS SDK for JavaScript v3 parse), IMDS's, and a JSON error both SDKs can report.
import type { AwsCredentials } from '../aws/types.ts';
import type { ListenerResponse } from '../io/http-listener.ts';
import { formatRfc3339Utc } from '../output/rfc3339.ts';

/** Long-term keys have no expiration, but both SDKs require one: they are re-read this often. */
const LONG_TERM_REFETCH_MS = 60 * 60 * 1000;

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonResponse(status: number, body: unknown): ListenerResponse {
  return { status, headers: { 'content-type': 'application/json', ...NO_STORE }, body: JSON.stringify(body) };
}

export function textResponse(status: number, body: string, headers: Record<string, string> = {}): ListenerResponse {
  return { status, headers: { 'content-type': 'text/plain', ...NO_STORE, ...headers }, body };
}

export function errorResponse(status: number, code: string, message: string): ListenerResponse {
  return jsonResponse(status, { Code: code, Message: message });
}

function servedExpiration(credentials: AwsCredentials, now: Date): string {
  return formatRfc3339Utc(credentials.expiration ?? new Date(now.getTime() + LONG_TERM_REFETCH_MS));
}

/** The container credentials endpoint's body (Token is "" for long-term keys: both SDKs require the field). */
export function containerBody(credentials: AwsCredentials, now: Date): Record<string, string> {
  const body: Record<string, string> = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken ?? '',
    Expiration: servedExpiration(credentials, now),
  };
  if (credentials.accountId) body.AccountId = credentials.accountId;
  return body;
}

/** IMDS's `iam/security-credentials/<role>` body; the extended path adds AccountId. */
export function imdsBody(credentials: AwsCredentials, now: Date, lastUpdated: Date, extended: boolean): Record<string, string> {
  const body: Record<string, string> = {
    Code: 'Success',
    LastUpdated: formatRfc3339Utc(lastUpdated),
    Type: 'AWS-HMAC',
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken ?? '',
    Expiration: servedExpiration(credentials, now),
  };
  if (extended && credentials.accountId) body.AccountId = credentials.accountId;
  return body;
}
