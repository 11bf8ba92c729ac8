// The SDKs' "standard" retry mode (AWS SDKs and Tools Reference Guide, "Retry behavior"):
//   attempts: max_attempts, default 3 (including the first);
//   delay before retry i (0-based): b * min(base * 2^i, 20 s), b uniform in [0, 1);
//   base: 100 ms, or 500 ms after a throttling error (the aws-sdk-js-v3 standard strategy);
//   a token bucket of 500 shared by the calls it is given to: a retry costs 5 (10 after a
//   timeout or network failure), a success refunds what its retry cost (or 1).
// `legacy` keeps the same backoff without the bucket and defaults to 5 attempts, the AWS CLI's
// legacy default. `adaptive` is treated as `standard`: its client-side rate limiter only pays
// off for long-running clients, and awsctl makes a handful of calls per run.
// Sleeping and jitter go through the context so tests run instantly and deterministically.
import { AwsctlError } from '../errors.ts';
import { isHttpTransportError } from '../io/http-errors.ts';
import { isAwsServiceError } from './service-error.ts';

export type RetryMode = 'standard' | 'legacy' | 'adaptive';

export interface RetryPolicy {
  mode: RetryMode;
  /** Total attempts including the first; 1 disables retries. */
  maxAttempts: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = { mode: 'standard', maxAttempts: 3 };
const MAX_BACKOFF_MS = 20_000;
const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const INITIAL_QUOTA = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;

const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['RequestTimeout', 'RequestTimeoutException', 'InternalError', 'InternalFailure', 'ServiceUnavailable']);
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Pure: turns the `retry_mode` / `max_attempts` settings (env or profile text) into a policy. */
export function retryPolicyFrom(settings: { retryMode?: string; maxAttempts?: string | number }): RetryPolicy {
  const raw = settings.retryMode?.trim().toLowerCase();
  if (raw !== undefined && raw !== '' && raw !== 'standard' && raw !== 'legacy' && raw !== 'adaptive') {
    throw new AwsctlError('retry_mode', `"${settings.retryMode}" is not one of standard, legacy, adaptive`);
  }
  const mode: RetryMode = raw === 'legacy' || raw === 'adaptive' ? raw : 'standard';
  const text = settings.maxAttempts === undefined ? '' : String(settings.maxAttempts).trim();
  if (text === '') return { mode, maxAttempts: mode === 'legacy' ? 5 : 3 };
  const parsed = Number(text);
  if (!Number.isInteger(parsed) || parsed < 1) throw new AwsctlError('max_attempts', `"${text}" is not a whole number of at least 1`);
  return { mode, maxAttempts: parsed };
}

type ErrorClass = 'throttling' | 'transient' | 'network' | 'fatal';

/** Whether an error from one attempt is worth another, and of which kind. */
export function classifyError(error: unknown): ErrorClass {
  if (isAwsServiceError(error)) {
    if (THROTTLING_CODES.has(error.code) || error.status === 429) return 'throttling';
    if (TRANSIENT_STATUSES.has(error.status) || TRANSIENT_CODES.has(error.code)) return 'transient';
    return 'fatal';
  }
  if (isHttpTransportError(error)) {
    return error.kind === 'timeout' || error.kind === 'reset' || error.kind === 'connect' ? 'network' : 'fatal';
  }
  return 'fatal';
}

export function backoffDelayMs(retryIndex: number, kind: ErrorClass, random: () => number): number {
  const base = kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS;
  return Math.floor(random() * Math.min(base * 2 ** retryIndex, MAX_BACKOFF_MS));
}

/** The standard mode's retry token bucket. Share one across a resolution to bound retry storms. */
export class RetryQuota {
  private capacity = INITIAL_QUOTA;

  /** Returns the cost taken, or undefined when the bucket cannot pay for a retry. */
  acquire(kind: ErrorClass): number | undefined {
    const cost = kind === 'network' ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (this.capacity < cost) return undefined;
    this.capacity -= cost;
    return cost;
  }

  release(cost: number | undefined): void {
    this.capacity = Math.min(INITIAL_QUOTA, this.capacity + (cost ?? 1));
  }

  get available(): number {
    return this.capacity;
  }
}

interface RetryDeps {
  sleep(ms: number): Promise<void>;
  random(): number;
  debug(message: string): void;
}

function withAttemptCount(error: unknown, attempts: number): unknown {
  if (attempts <= 1) return error;
  if (isAwsServiceError(error)) return error.withAttempts(attempts);
  if (isHttpTransportError(error)) {
    return new AwsctlError(error.what, `${error.why} (gave up after ${attempts} attempts)`, { hint: error.hint, cause: error });
  }
  return error;
}

/**
 * Runs `attempt` until it succeeds, fails with an error not worth retrying, or the policy or
 * quota says stop. The final error names the attempts made when there was more than one.
 */
export async function withRetries<T>(
  deps: RetryDeps,
  label: string,
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  quota: RetryQuota = new RetryQuota(),
): Promise<T> {
  let lastCost: number | undefined;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      const result = await attempt(attemptNumber);
      if (policy.mode !== 'legacy') quota.release(lastCost);
      return result;
    } catch (error) {
      const kind = classifyError(error);
      if (kind === 'fatal' || attemptNumber >= policy.maxAttempts) throw withAttemptCount(error, attemptNumber);
      if (policy.mode !== 'legacy') {
        lastCost = quota.acquire(kind);
        if (lastCost === undefined) {
          deps.debug(`retry: ${label}: retry quota exhausted, not retrying`);
          throw withAttemptCount(error, attemptNumber);
        }
      }
      const delay = backoffDelayMs(attemptNumber - 1, kind, deps.random);
      deps.debug(`retry: ${label}: attempt ${attemptNumber} failed (${kind}), retrying in ${delay} ms`);
      await deps.sleep(delay);
    }
  }
}
