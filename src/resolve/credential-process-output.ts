// Reading what a credential_process helper printed (SDKs and Tools Reference Guide, "Process
// credential provider"): `{"Version":1,"AccessKeyId","SecretAccessKey","SessionToken"?,
// "Expiration"?,"AccountId"?}`. Pure. Errors name the profile and the field, never a value
// from stdout: it holds secrets.
//
// Expiration is optional even with a SessionToken: the guide says credentials without it are
// treated as not expiring, and smithy-rs and botocore accept that; the cache decides what to do.
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError } from '../errors.ts';

const OUTPUT_HINT = 'the helper must print only {"Version":1,"AccessKeyId":…,"SecretAccessKey":…} JSON on stdout';

export function parseCredentialProcessOutput(stdout: string, profileName: string, fallbackAccountId?: string): AwsCredentials {
  const fail = (why: string): AwsctlError =>
    new AwsctlError(`credential_process for profile ${profileName} failed`, why, { hint: OUTPUT_HINT, profile: profileName });
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw fail(stdout.trim() === '' ? 'it printed nothing on stdout' : 'its output is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('its output is not a JSON object');
  const fields = parsed as Record<string, unknown>;
  if (fields.Version !== 1) {
    const shown = typeof fields.Version === 'number' ? String(fields.Version) : fields.Version === undefined ? 'missing' : 'not a number';
    throw fail(`its output has Version ${shown}; only Version 1 is supported`);
  }
  const credentials: AwsCredentials = {
    accessKeyId: requiredString(fields, 'AccessKeyId', fail),
    secretAccessKey: requiredString(fields, 'SecretAccessKey', fail),
  };
  const sessionToken = optionalString(fields, 'SessionToken', fail);
  if (sessionToken !== undefined) credentials.sessionToken = sessionToken;
  const expiration = optionalString(fields, 'Expiration', fail);
  if (expiration !== undefined) credentials.expiration = parseTimestamp(expiration, fail);
  const accountId = optionalString(fields, 'AccountId', fail) ?? nonEmpty(fallbackAccountId);
  if (accountId !== undefined) credentials.accountId = accountId;
  return credentials;
}

type Fail = (why: string) => AwsctlError;

function requiredString(fields: Record<string, unknown>, key: string, fail: Fail): string {
  const value = fields[key];
  if (value === undefined || value === null || value === '') throw fail(`its output has no ${key}`);
  if (typeof value !== 'string') throw fail(`its output's ${key} is not a string`);
  return value;
}

/** Absent, null and "" all mean "not given", as in the SDKs. */
function optionalString(fields: Record<string, unknown>, key: string, fail: Fail): string | undefined {
  const value = fields[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw fail(`its output's ${key} is not a string`);
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

// RFC 3339 date-time (T or space, optional fraction, Z or ±hh:mm), plus the ISO 8601 basic
// offset ±hhmm that some helpers print. Date.parse alone would accept local times and other
// loose shapes that mean different instants on different machines.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

function parseTimestamp(text: string, fail: Fail): Date {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) throw fail(`its output's Expiration "${printable(text)}" is not an RFC 3339 timestamp (e.g. 2026-11-21T12:00:00Z)`);
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match as unknown as string[];
  const offset = /^[Zz]$/.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  // Milliseconds are all a Date holds; a leap second (:60) is read as the next second.
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:00${fraction.slice(0, 4)}${offset}`);
  date.setTime(date.getTime() + Number(second) * 1000);
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  const inRange =
    Number(month) >= 1 &&
    Number(month) <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 60;
  if (!inRange || Number.isNaN(date.getTime())) throw fail(`its output's Expiration "${printable(text)}" is not a valid date`);
  return date;
}

/** Expiration is not secret, but it is the helper's text: keep it to one short printable line. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 37)}...` : clean;
}
