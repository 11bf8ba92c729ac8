// ~/.aws/cli/cache/<key>.json: temporary credentials shared with the AWS CLI, in the layout
// botocore's JSONFileCache writes. For AssumeRole and web identity that is the STS response as
// botocore parsed it, dumped with json.dumps (default separators, insertion order, no sorting)
// and datetimes as strftime('%Y-%m-%dT%H:%M:%S%Z'), which for UTC reads "2026-11-21T12:00:00UTC".
// For SSO it is {"ProviderType": "sso", "Credentials": {..., "Expiration": "...Z", "AccountId"}}.
// Reading is tolerant: a truncated, corrupt or incomplete entry is a miss (the next write
// replaces it), never a crash, exactly as botocore treats it.
import { join } from 'node:path';
import { writeSecretFile } from '../io/private-folder.ts';
import type { Env, FileSystem } from '../io/context.ts';
import { pythonJsonDumps } from './python-json.ts';
import type { PyJson } from './python-json.ts';

export interface CachedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  accountId?: string;
}

const DEFAULT_REFRESH_WINDOW_SECONDS = 900;

/**
 * Cache entries and SSO tokens are a few KB; a larger file is not one, and is not read (a 300 MB
 * "entry" cost 970 MB of memory).
 */
export const MAX_CACHE_ENTRY_BYTES = 1024 * 1024;

export function cliCacheDir(home: string): string {
  return join(home, '.aws', 'cli', 'cache');
}

export function cliCachePath(home: string, key: string): string {
  return join(cliCacheDir(home), `${key}.json`);
}

/**
 * AWSCTL_CACHE_REFRESH_WINDOW: seconds before expiry at which an entry counts as stale.
 * Non-numbers and negatives fall back to the default rather than disabling the cache.
 */
export function refreshWindowSeconds(env: Env): number {
  const raw = env.AWSCTL_CACHE_REFRESH_WINDOW?.trim();
  if (!raw || !/^\d+$/.test(raw)) return DEFAULT_REFRESH_WINDOW_SECONDS;
  return Number(raw);
}

/** True for a real calendar day and time of day (JavaScript's Date rolls 2099-02-30 over to March 2). */
function isRealDateTime(day: string, time: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes, seconds] = time.split(':').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && date >= 1 && date <= daysInMonth && hours <= 23 && minutes <= 59 && seconds <= 59;
}

/**
 * Timestamps as the AWS CLI and SDKs write them: RFC 3339 ("Z" or an offset, optional
 * fraction) and botocore's "...UTC"/"...GMT" spelling. Anything else (a number, an impossible
 * date such as 2099-02-30) is undefined.
 */
export function parseCacheTimestamp(text: unknown): Date | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|UTC|GMT|[+-]\d{2}:?\d{2})$/i.exec(text.trim());
  if (!match || !isRealDateTime(match[1]!, match[2]!)) return undefined;
  const [, day, time, fraction = '', zone] = match as unknown as [string, string, string, string | undefined, string];
  const offset = /^(Z|UTC|GMT)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const millis = fraction ? `.${fraction.slice(1, 4).padEnd(3, '0')}` : '';
  const date = new Date(`${day}T${time}${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function utcSeconds(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** botocore's datetime spelling in ~/.aws/cli/cache (strftime with %Z of a UTC datetime). */
export function formatBotocoreExpiration(date: Date): string {
  return `${utcSeconds(date)}UTC`;
}

/** RFC 3339 to the second with "Z": the SSO caches' spelling (and awsctl's output format). */
export function formatUtcZ(date: Date): string {
  return `${utcSeconds(date)}Z`;
}

/** Credentials from a cache file's text, or undefined for anything unusable. */
export function parseCredentialCache(text: string): CachedCredentials | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const creds = (parsed as { Credentials?: Record<string, unknown> } | null)?.Credentials;
  if (typeof creds !== 'object' || creds === null) return undefined;
  const { AccessKeyId, SecretAccessKey, SessionToken, AccountId } = creds;
  const expiration = parseCacheTimestamp(creds.Expiration);
  if (typeof AccessKeyId !== 'string' || !AccessKeyId || typeof SecretAccessKey !== 'string' || !SecretAccessKey) return undefined;
  // Every entry is temporary credentials: without a session token they are not usable ones.
  if (typeof SessionToken !== 'string' || !SessionToken || !expiration) return undefined;
  const result: CachedCredentials = { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration };
  if (typeof AccountId === 'string' && AccountId) result.accountId = AccountId;
  return result;
}

/** Reads an entry; missing, unreadable or corrupt all mean "no entry". */
export function readCredentialCache(fs: FileSystem, path: string): CachedCredentials | undefined {
  let bytes: Buffer | undefined;
  try {
    bytes = fs.readFile(path, { maxBytes: MAX_CACHE_ENTRY_BYTES });
  } catch {
    return undefined;
  }
  return bytes === undefined ? undefined : parseCredentialCache(bytes.toString('utf8'));
}

/** Usable now: more than `windowSeconds` left before expiry (botocore: seconds < window means expired). */
export function isFresh(creds: CachedCredentials, now: Date, windowSeconds: number): boolean {
  return (creds.expiration.getTime() - now.getTime()) / 1000 >= windowSeconds;
}

/** A fresh entry or undefined: the read half of "use the cache". */
export function readFreshCredentials(fs: FileSystem, path: string, now: Date, windowSeconds: number): CachedCredentials | undefined {
  const creds = readCredentialCache(fs, path);
  return creds && isFresh(creds, now, windowSeconds) ? creds : undefined;
}

interface StsCacheInput {
  credentials: CachedCredentials;
  /** AssumedRoleUser from the response (AssumeRole and AssumeRoleWithWebIdentity). */
  assumedRoleUser?: { assumedRoleId: string; arn: string };
  requestId?: string;
  /** Other top-level response members, in botocore's names (PackedPolicySize, SourceIdentity, Provider, ...). */
  extra?: Record<string, PyJson>;
}

/** The entry botocore writes for AssumeRole / AssumeRoleWithWebIdentity. */
export function stsCacheEntry(input: StsCacheInput): Record<string, PyJson> {
  const c = input.credentials;
  const credentials: Record<string, PyJson> = {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: formatBotocoreExpiration(c.expiration),
  };
  if (c.accountId) credentials.AccountId = c.accountId;
  const entry: Record<string, PyJson> = { Credentials: credentials };
  if (input.assumedRoleUser) entry.AssumedRoleUser = { AssumedRoleId: input.assumedRoleUser.assumedRoleId, Arn: input.assumedRoleUser.arn };
  Object.assign(entry, input.extra ?? {});
  entry.ResponseMetadata = { RequestId: input.requestId ?? '', HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0 };
  return entry;
}

/** The entry botocore's SSOCredentialFetcher writes for GetRoleCredentials. */
export function ssoRoleCacheEntry(credentials: CachedCredentials & { accountId: string }): Record<string, PyJson> {
  return {
    ProviderType: 'sso',
    Credentials: {
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      SessionToken: credentials.sessionToken,
      Expiration: formatUtcZ(credentials.expiration),
      AccountId: credentials.accountId,
    },
  };
}

/** Serializes like botocore's json.dumps (no indent, default separators, ASCII only). */
export function serializeCacheEntry(entry: Record<string, PyJson>): string {
  return pythonJsonDumps(entry);
}

/** Atomic, 0600, in a folder only the user can write (refused otherwise: io/private-folder.ts). */
export function writeCredentialCache(fs: FileSystem, path: string, entry: Record<string, PyJson>): void {
  writeSecretFile(fs, path, serializeCacheEntry(entry));
}
