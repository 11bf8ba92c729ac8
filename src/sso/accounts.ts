// Every account the token can reach and every role in each: ListAccounts (paginated), then
// ListAccountRoles per account, at most `concurrency` at a time. The portal throttles bursts
// with 429 TooManyRequestsException; the clients retry those in the standard mode, and for
// listings as large as an organization this also keeps going through a long burst: more
// attempts per call, then, if a call still ends throttled, another round after a pause, until
// a generous deadline. Only a throttling error is treated so; anything else fails at once.
import { classifyError } from '../aws/retry.ts';
import type { RetryPolicy } from '../aws/retry.ts';
import { listAllAccountRoles, listAllAccounts } from '../aws/sso-portal.ts';
import type { AwsCallContext, ServiceTarget } from '../aws/types.ts';
import { mapBounded } from '../io/pool.ts';

export interface AccountWithRoles {
  accountId: string;
  accountName?: string;
  emailAddress?: string;
  roles: string[];
}

interface ListingStats {
  requests: number;
  /** Retries made by the retry layer (one per backoff sleep) plus extra rounds. */
  retries: number;
  maxInFlight: number;
}

interface ListingOptions {
  concurrency?: number;
  retry?: RetryPolicy;
  /** How long a single call may keep going through throttling, in total (default 10 minutes). */
  patienceMs?: number;
}

export const DEFAULT_LISTING_CONCURRENCY = 8;
/** Listings retry throttling harder than one-off calls: the standard mode's backoff, more attempts. */
const LISTING_RETRY: RetryPolicy = { mode: 'standard', maxAttempts: 10 };

/** A call context that counts requests, requests in flight and retry sleeps. */
function instrumented(call: AwsCallContext): { call: AwsCallContext; stats: ListingStats } {
  const stats: ListingStats = { requests: 0, retries: 0, maxInFlight: 0 };
  let inFlight = 0;
  const counted: AwsCallContext = {
    now: () => call.now(),
    random: () => call.random(),
    debug: (message) => call.debug(message),
    sleep: (ms) => {
      stats.retries++;
      return call.sleep(ms);
    },
    http: {
      send: async (request) => {
        stats.requests++;
        stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
        try {
          return await call.http.send(request);
        } finally {
          inFlight--;
        }
      },
    },
  };
  return { call: counted, stats };
}

/** Runs `fn` again after a pause while it ends in throttling and the deadline allows. */
export async function throughThrottling<T>(call: AwsCallContext, label: string, fn: () => Promise<T>, patienceMs: number): Promise<T> {
  const deadline = call.now().getTime() + patienceMs;
  for (let round = 1; ; round++) {
    try {
      return await fn();
    } catch (error) {
      if (classifyError(error) !== 'throttling' && !isThrottledAfterRetries(error)) throw error;
      if (call.now().getTime() >= deadline) throw error;
      const pause = 5_000 + Math.floor(call.random() * 15_000);
      call.debug(`sso: ${label} still throttled after its retries; round ${round + 1} in ${pause} ms`);
      await call.sleep(pause);
    }
  }
}

function isThrottledAfterRetries(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return status === 429;
}

export async function listAccountsAndRoles(
  baseCall: AwsCallContext,
  portal: ServiceTarget,
  accessToken: string,
  options: ListingOptions = {},
): Promise<{ accounts: AccountWithRoles[]; stats: ListingStats }> {
  const { call, stats } = instrumented(baseCall);
  const target: ServiceTarget = { ...portal, retry: options.retry ?? portal.retry ?? LISTING_RETRY };
  const patience = options.patienceMs ?? 10 * 60 * 1000;
  const accounts = await throughThrottling(call, 'ListAccounts', () => listAllAccounts(call, target, accessToken), patience);
  const withRoles = await mapBounded(accounts, options.concurrency ?? DEFAULT_LISTING_CONCURRENCY, async (account) => {
    const roles = await throughThrottling(
      call,
      `ListAccountRoles ${account.accountId}`,
      () => listAllAccountRoles(call, target, accessToken, account.accountId),
      patience,
    );
    const entry: AccountWithRoles = { accountId: account.accountId, roles: [...new Set(roles.map((r) => r.roleName))].sort() };
    if (account.accountName !== undefined) entry.accountName = account.accountName;
    if (account.emailAddress !== undefined) entry.emailAddress = account.emailAddress;
    return entry;
  });
  withRoles.sort((a, b) => (a.accountName ?? '').localeCompare(b.accountName ?? '', 'en') || a.accountId.localeCompare(b.accountId));
  return { accounts: withRoles, stats };
}
