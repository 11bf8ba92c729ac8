// When the credential server refreshes: pure arithmetic on expirations, so it is tested with
// numbers rather than clocks. Credentials are refreshed `lead` seconds before they expire (the
// cache's refresh window, longer in IMDS mode); credentials that live no longer than the lead
// (a 15-minute session, or short-lived test credentials) are refreshed at half their life.
const MIN_DELAY_MS = 1_000;
const MAX_RETRY_DELAY_MS = 30_000;

interface Lifetime {
  /** Absent for long-term keys, which are never refreshed. */
  expiration?: Date | undefined;
  obtainedAt: Date;
}

/** Seconds before expiry at which these credentials are replaced. */
export function leadMs(lifetime: Lifetime, leadSeconds: number): number {
  const lifetimeMs = (lifetime.expiration?.getTime() ?? 0) - lifetime.obtainedAt.getTime();
  const wanted = leadSeconds * 1000;
  return wanted < lifetimeMs ? wanted : Math.max(lifetimeMs / 2, 0);
}

/** Milliseconds from `now` until the next refresh; undefined for long-term keys. */
export function refreshDelayMs(lifetime: Lifetime, now: Date, leadSeconds: number): number | undefined {
  if (lifetime.expiration === undefined) return undefined;
  const remaining = lifetime.expiration.getTime() - now.getTime();
  const delay = remaining - leadMs(lifetime, leadSeconds);
  if (delay >= MIN_DELAY_MS) return delay;
  // The source gave nothing fresher than what we hold (a credential_process with a fixed
  // answer, an upstream endpoint): ask again at a quarter of what is left, not in a tight loop.
  return Math.min(Math.max(remaining / 4, MIN_DELAY_MS), MAX_RETRY_DELAY_MS);
}

/** After `failures` failed refreshes in a row: 1 s, 2 s, 4 s … at most 30 s. */
export function retryDelayMs(failures: number): number {
  return Math.min(MIN_DELAY_MS * 2 ** Math.max(failures - 1, 0), MAX_RETRY_DELAY_MS);
}
