// The credentials a server hands out, held in memory and replaced in the background. A request
// reads `current()` and never waits: a refresh (which may call STS, run credential_process or
// ask for an MFA code on the terminal) runs on its own, one at a time. When it fails the old
// credentials keep being served while they last, the failure is said once on stderr, and the
// refresh is tried again with backoff; once they have expired, requests get a clear error
// until a refresh succeeds.
import type { AwsCredentials } from '../aws/types.ts';
import { formatRfc3339Utc } from '../output/rfc3339.ts';
import { refreshDelayMs, retryDelayMs } from './refresh-schedule.ts';

export type Current = { kind: 'ok'; credentials: AwsCredentials; obtainedAt: Date } | { kind: 'unavailable'; reason: string };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

interface HolderOptions {
  initial: AwsCredentials;
  /** Resolves the profile again (through the resolver and its cache). */
  refresh(): Promise<AwsCredentials>;
  leadSeconds: number;
  now(): Date;
  timers: Timers;
  /** Redacted narration (--debug). */
  debug(message: string): void;
  /** One line for people on stderr. */
  warn(message: string): void;
  profile: string;
}

export interface CredentialHolder {
  current(): Current;
  /** How many times the credentials were replaced. */
  readonly generation: number;
  /** A refresh is under way (it may be waiting for a person at a prompt). */
  readonly refreshing: boolean;
  stop(): void;
}

const keyTail = (credentials: AwsCredentials) => `…${credentials.accessKeyId.slice(-4)}`;

export function createCredentialHolder(options: HolderOptions): CredentialHolder {
  let credentials = options.initial;
  let obtainedAt = options.now();
  let generation = 0;
  let failures = 0;
  let lastFailure: string | undefined;
  let refreshing = false;
  let timer: unknown;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = options.timers.set(() => void refresh(), ms);
  };

  const scheduleNext = () => {
    const delay = refreshDelayMs({ expiration: credentials.expiration, obtainedAt }, options.now(), options.leadSeconds);
    if (delay === undefined) return;
    options.debug(`server: next refresh for profile ${options.profile} in ${Math.round(delay / 1000)} s`);
    schedule(delay);
  };

  async function refresh(): Promise<void> {
    if (stopped || refreshing) return;
    refreshing = true;
    options.debug(`server: refreshing credentials for profile ${options.profile}`);
    try {
      const fresh = await options.refresh();
      if (stopped) return;
      credentials = fresh;
      obtainedAt = options.now();
      generation++;
      if (failures > 0) options.warn(`awsctl: credentials for profile ${options.profile} refreshed again after ${failures} failed attempt(s)`);
      failures = 0;
      lastFailure = undefined;
      options.debug(
        `server: new credentials for profile ${options.profile} (${keyTail(fresh)})${fresh.expiration ? `, expiring ${formatRfc3339Utc(fresh.expiration)}` : ''}`,
      );
      refreshing = false;
      scheduleNext();
    } catch (error) {
      if (stopped) return;
      failures++;
      const line = error instanceof Error ? error.message : String(error);
      const delay = retryDelayMs(failures);
      const expires = credentials.expiration ? formatRfc3339Utc(credentials.expiration) : 'never';
      if (line !== lastFailure)
        options.warn(
          `awsctl: refreshing credentials for profile ${options.profile} failed: ${line}; trying again in ${Math.round(delay / 1000)} s (the ones being served expire ${expires})`,
        );
      else options.debug(`server: refresh failed again (${failures}); next try in ${Math.round(delay / 1000)} s`);
      lastFailure = line;
      refreshing = false;
      schedule(delay);
    }
  }

  scheduleNext();
  return {
    current() {
      const expiration = credentials.expiration;
      if (expiration === undefined || expiration.getTime() > options.now().getTime()) return { kind: 'ok', credentials, obtainedAt };
      const why = refreshing ? 'a refresh is under way' : lastFailure ? `the last refresh failed: ${lastFailure}` : 'no refresh has succeeded yet';
      return { kind: 'unavailable', reason: `the credentials of profile ${options.profile} expired at ${formatRfc3339Utc(expiration)} and ${why}` };
    },
    get generation() {
      return generation;
    },
    get refreshing() {
      return refreshing;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) options.timers.clear(timer);
    },
  };
}
