// Timestamps as awsctl prints them: RFC 3339 in UTC with whole seconds (2026-11-21T12:00:00Z),
// the shape the AWS CLI's `export-credentials` and the credential_process examples use.
import { AwsctlError } from '../errors.ts';

/**
 * Formats `date` as RFC 3339 UTC. Fractions of a second are dropped (rounded down), so a printed
 * expiration is never later than the real one: a consumer refreshes a moment early, never late.
 */
export function formatRfc3339Utc(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) {
    throw new AwsctlError('cannot print a timestamp', 'the date is not valid (NaN)');
  }
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
  // Years outside 0000–9999 come out as ±YYYYYY, which RFC 3339 cannot express.
  if (!/^\d{4}-/.test(iso)) {
    throw new AwsctlError('cannot print a timestamp', `the year of ${iso} is outside 0000–9999, which RFC 3339 cannot express`);
  }
  return iso.replace(/\.\d{3}Z$/, 'Z');
}
