// The cache decorator around anything that yields temporary credentials (AssumeRole, web
// identity, SSO role credentials): ~/.aws/cli/cache/<key>.json in the AWS CLI's own format,
// read first; on a miss, a cross-process lock, a second read (another process may have just
// filled it), then one call and an atomic write. So N awsctl processes started together on a
// cold cache make ONE call, and `aws` and awsctl share entries. A corrupt entry reads as a miss
// and the write replaces it.
import { dirname } from 'node:path';
import type { AwsCredentials } from '../aws/types.ts';
import { cliCachePath, readFreshCredentials, writeCredentialCache, type CachedCredentials } from '../cache/credential-cache.ts';
import { getOrRefresh, lockPathFor } from '../cache/lock.ts';
import type { PyJson } from '../cache/python-json.ts';
import type { RunState } from './state.ts';
import type { Context } from '../io/context.ts';
import { PRIVATE_FOLDER_HINT, privateFolderProblem } from '../io/private-folder.ts';

const warned = new WeakMap<Context, Set<string>>();

/** A role chain goes through here once per hop; the warning is said once per run. */
function warnOnce(ctx: Context, line: string): void {
  const said = warned.get(ctx) ?? new Set<string>();
  warned.set(ctx, said);
  if (said.has(line)) return;
  said.add(line);
  ctx.stderr.write(line);
}

export interface Produced {
  credentials: AwsCredentials;
  /** The file contents to store; absent = do not cache (e.g. no expiration). */
  entry?: Record<string, PyJson>;
}

interface CacheSlot {
  key: string;
  /** For --debug: what this entry holds, e.g. "assume-role arn:… (profile prod)". */
  label: string;
}

function fromCache(cached: CachedCredentials): AwsCredentials {
  const credentials: AwsCredentials = {
    accessKeyId: cached.accessKeyId,
    secretAccessKey: cached.secretAccessKey,
    sessionToken: cached.sessionToken,
    expiration: cached.expiration,
  };
  if (cached.accountId) credentials.accountId = cached.accountId;
  return credentials;
}

/** Cached credentials for `slot`, or the produced ones (stored for next time). */
export async function cachedCredentials(state: RunState, slot: CacheSlot, produce: () => Promise<Produced>): Promise<AwsCredentials> {
  const { ctx } = state;
  if (!state.useCache || state.home === undefined) {
    ctx.debug(`cache: not used for ${slot.label} (${state.home === undefined ? 'no home directory' : 'caching is off'})`);
    return (await produce()).credentials;
  }
  const path = cliCachePath(state.home, slot.key);
  // Entries in a folder others can write may be planted (someone else's credentials, handed to
  // the SDK as the user's): such a folder is neither read nor written.
  const unsafe = privateFolderProblem(ctx.fs, dirname(path));
  if (unsafe) {
    warnOnce(ctx, `awsctl: warning: not caching credentials: the folder ${unsafe}; ${PRIVATE_FOLDER_HINT}\n`);
    return (await produce()).credentials;
  }
  let reads = 0;
  let produced = false;
  const produceOnce = (): Promise<Produced> => {
    produced = true;
    return produce();
  };
  try {
    return await readThrough(state, slot, path, produceOnce, () => ++reads);
  } catch (error) {
    // A cache folder we cannot write (read-only HOME, full disk) must not stop credentials. Any
    // file-system error before producing counts: on a read-only mount Node's recursive mkdir
    // reports ENOENT, not EROFS.
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (produced || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw error;
    ctx.debug(`cache: cannot use ~/.aws/cli/cache (${code}); continuing without it`);
    return (await produce()).credentials;
  }
}

async function readThrough(state: RunState, slot: CacheSlot, path: string, produce: () => Promise<Produced>, countRead: () => number): Promise<AwsCredentials> {
  const { ctx } = state;
  const result = await getOrRefresh<Produced>({
    read: () => {
      const reads = countRead();
      const hit = readFreshCredentials(ctx.fs, path, ctx.now(), state.refreshWindowSeconds);
      if (hit) {
        ctx.debug(`cache: hit for ${slot.label}: ~/.aws/cli/cache/${slot.key}.json, expires ${hit.expiration.toISOString()}`);
        return { credentials: fromCache(hit) };
      }
      if (reads === 1)
        ctx.debug(`cache: miss for ${slot.label}: ~/.aws/cli/cache/${slot.key}.json (absent, unreadable or expiring within ${state.refreshWindowSeconds} s)`);
      return undefined;
    },
    produce,
    write: (value) => {
      if (!value.entry) return;
      writeCredentialCache(ctx.fs, path, value.entry);
      ctx.debug(`cache: stored ${slot.label} in ~/.aws/cli/cache/${slot.key}.json`);
    },
    lockPath: lockPathFor(path),
    lock: { onWait: (owner) => ctx.debug(`cache: waiting for another awsctl${owner ? ` (pid ${owner.pid})` : ''} refreshing ${slot.label}`) },
    onWriteError: (error) => ctx.debug(`cache: could not store ${slot.label}: ${error instanceof Error ? error.message : String(error)}`),
  });
  return result.credentials;
}
