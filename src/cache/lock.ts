// A cross-process lock around "refresh this cache entry", so that N awsctl processes started
// at once on a cold cache (an SDK building many clients, a Makefile running -j8) make ONE
// AssumeRole call / ask for ONE MFA code, and the others wait and then read the cache.
//
// The lock is a file `<entry>.lock` holding {pid, hostname, startedAt, token}. It is created
// complete and atomically: the owner record goes to a temp file that is then hard-linked to the
// lock name (link fails with EEXIST when the lock exists), so no reader ever sees a half-written
// owner. A file and not a folder, because the AWS CLI's `sso logout` opens every file in the
// cache folders and a stray folder would trip it. While held, the owner touches the file's
// mtime every second. A waiter breaks a lock whose owner is gone (same host, pid dead) or
// whose heartbeat stopped; breakers first take `<lock>.break` so two of them can never both
// "break" and then both hold it, and the stale file is renamed aside and checked before it is
// removed, so a lock re-taken in between is put back instead of stolen.
import { dirname } from 'node:path';
import { AwsctlError } from '../errors.ts';
import { nodeLockHost, type LockHost } from '../io/lock-host.ts';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  token: string;
}

export interface LockOptions {
  /** Give up waiting after this long (default 60 s: long enough for an MFA or SSO prompt elsewhere). */
  timeoutMs?: number;
  /** A lock whose heartbeat is older than this is stale (default 3 s). */
  staleMs?: number;
  /** A lock whose owner is a live process on this host is stale only after this long without heartbeat (default 30 s). */
  liveOwnerStaleMs?: number;
  /** How often the holder touches the lock (default 1 s). */
  heartbeatMs?: number;
  /** Base wait between tries; each wait adds up to the same again as jitter (default 50 ms). */
  pollMs?: number;
  /** Called once when we start waiting, e.g. to tell the person why nothing happens yet. */
  onWait?: (owner: LockOwner | undefined) => void;
  /** The outside world (files, clock, processes); Node's by default. */
  host?: LockHost;
}

interface LockState {
  owner: LockOwner | undefined;
  mtimeMs: number;
}

export function lockPathFor(entryPath: string): string {
  return `${entryPath.replace(/\.json$/, '')}.lock`;
}

function newOwner(host: LockHost): LockOwner {
  return { pid: host.pid, hostname: host.hostname, startedAt: new Date(host.nowMs()).toISOString(), token: host.randomHex(8) };
}

function errnoCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Creates `path` holding `owner`, atomically; false when it already exists. */
function createExclusive(host: LockHost, path: string, owner: LockOwner): boolean {
  const content = JSON.stringify(owner);
  const temp = `${path}.${owner.token}.tmp`;
  try {
    // Inside the try: on a full disk the write fails after creating the file, which must not stay.
    host.writeNew(temp, content, { exclusive: false });
    host.link(temp, path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return false;
    // File systems without hard links: O_EXCL create, then write (a reader may briefly see it empty).
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errnoCode(error) ?? '')) throw error;
    try {
      host.writeNew(path, content, { exclusive: true });
      return true;
    } catch (fallbackError) {
      if (errnoCode(fallbackError) === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    host.remove(temp);
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, hostname: value.hostname, startedAt: String(value.startedAt ?? ''), token: value.token };
    }
  } catch {
    // An empty or foreign file: judged by its age alone.
  }
  return undefined;
}

function inspect(host: LockHost, path: string): LockState | undefined {
  try {
    const { mtimeMs, text } = host.read(path);
    return { owner: parseOwner(text), mtimeMs };
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether a waiter may break this lock now. Exported for tests. */
export function isStale(state: LockState, nowMs: number, options: LockOptions = {}): boolean {
  const host = options.host ?? nodeLockHost();
  const age = nowMs - state.mtimeMs;
  const owner = state.owner;
  if (owner && owner.hostname === host.hostname) {
    if (!host.isAlive(owner.pid)) return true;
    return age > (options.liveOwnerStaleMs ?? 30_000);
  }
  return age > (options.staleMs ?? 3_000);
}

function sameOwner(a: LockOwner | undefined, b: LockOwner | undefined): boolean {
  return a !== undefined && b !== undefined ? a.token === b.token : a === b;
}

/** Removes the stale lock judged as `judged`, unless it changed hands meanwhile. False: another waiter is on it. */
function breakStale(host: LockHost, path: string, judged: LockState, options: LockOptions): boolean {
  const breakPath = `${path}.break`;
  const me = newOwner(host);
  if (!createExclusive(host, breakPath, me)) {
    // Another waiter is breaking it right now; a breaker killed mid-way leaves an old file.
    const other = inspect(host, breakPath);
    if (other && host.nowMs() - other.mtimeMs > 5_000) host.remove(breakPath);
    return false;
  }
  try {
    const current = inspect(host, path);
    if (!current || !sameOwner(current.owner, judged.owner) || !isStale(current, host.nowMs(), options)) return true;
    const aside = `${path}.stale-${me.token}`;
    host.rename(path, aside);
    const moved = inspect(host, aside);
    if (moved && !sameOwner(moved.owner, judged.owner)) {
      try {
        host.link(aside, path); // put back a lock that changed hands; fails if yet another owner exists
      } catch {
        // A newer lock already took the name; the displaced holder notices at release.
      }
    }
    host.remove(aside);
    return true;
  } finally {
    host.remove(breakPath);
  }
}

function timeoutError(path: string, state: LockState | undefined, waitedMs: number): AwsctlError {
  const owner = state?.owner;
  const who = owner ? `another awsctl (pid ${owner.pid} on ${owner.hostname}, since ${owner.startedAt})` : 'another process';
  return new AwsctlError(`waiting for the cache lock ${path}`, `${who} still holds it after ${Math.round(waitedMs / 1000)} s`, {
    hint: `finish or cancel the prompt in the other terminal; if no awsctl is running, delete ${path}`,
  });
}

async function acquire(host: LockHost, path: string, owner: LockOwner, options: LockOptions): Promise<void> {
  const started = host.nowMs();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;
  let announced = false;
  host.mkdirp(dirname(path));
  for (;;) {
    if (createExclusive(host, path, owner)) return;
    const state = inspect(host, path);
    if (!state) continue; // released between our two calls: try again at once
    if (isStale(state, host.nowMs(), options) && breakStale(host, path, state, options)) continue;
    const waited = host.nowMs() - started;
    if (waited > timeoutMs) throw timeoutError(path, state, waited);
    if (!announced) {
      announced = true;
      options.onWait?.(state.owner);
    }
    await host.sleep(pollMs + host.random() * pollMs);
  }
}

function release(host: LockHost, path: string, owner: LockOwner): void {
  const state = inspect(host, path);
  if (state && sameOwner(state.owner, owner)) host.remove(path);
}

/** Runs `fn` while holding the lock at `path` (created if needed, removed after). */
export async function withLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const host = options.host ?? nodeLockHost();
  const owner = newOwner(host);
  await acquire(host, path, owner, options);
  // The heartbeat timer is the lock's only timer outside the host: it must run while `fn` awaits.
  const heartbeat = setInterval(() => {
    try {
      host.touch(path);
    } catch {
      // Broken by a waiter that judged us dead; release() will notice it is no longer ours.
    }
  }, options.heartbeatMs ?? 1_000);
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    release(host, path, owner);
  }
}

interface RefreshSpec<T> {
  /** A usable cached value, or undefined (missing, corrupt, expiring). */
  read: () => T | undefined;
  /** Obtains a new value (STS call, MFA prompt, SSO refresh). */
  produce: () => Promise<T>;
  /** Stores the produced value where `read` finds it. */
  write: (value: T) => void;
  lockPath: string;
  lock?: LockOptions;
  /** A failed cache write does not lose the produced value when this is given; default: rethrow. */
  onWriteError?: (error: unknown) => void;
}

/** Cache, then lock, then cache again (another process may have filled it), then produce and write. */
export async function getOrRefresh<T>(spec: RefreshSpec<T>): Promise<T> {
  const cached = spec.read();
  if (cached !== undefined) return cached;
  return withLock(
    spec.lockPath,
    async () => {
      const filled = spec.read();
      if (filled !== undefined) return filled;
      const value = await spec.produce();
      try {
        spec.write(value);
      } catch (error) {
        if (!spec.onWriteError) throw error;
        spec.onWriteError(error);
      }
      return value;
    },
    spec.lock,
  );
}
