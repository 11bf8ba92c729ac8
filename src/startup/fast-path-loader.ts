// Runs the fast-path bundle (dist/fast-path.cjs, or the binary's asset) inside vm.Script with a
// trained V8 code cache (see code-cache.ts for why), and saves one trained here when none fits.
//
// A code cache is code: V8 runs what it holds. So the shipped cache (in the install, trusted as
// much as the bundle beside it) is preferred whenever its seal says it fits this run; the user's
// own is read only from a folder and file that are the user's alone; and either reaches V8 only
// if its seal checks out (code-cache-integrity.ts).
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync, constants } from 'node:fs';
import { planCodeCache, wrapCommonJs } from './code-cache.ts';
import { currentUserIds, whyNotPrivate } from '../io/private-folder.ts';
import { cacheBinding, currentRuntime, flagsTag, openSealedCache, sealCodeCache } from './code-cache-integrity.ts';

/** What the fast-path bundle (src/startup/fast-path-entry.ts) exports. */
export interface FastPathExports {
  /** True when it answered (and printed); false when the full CLI must run the same argv. */
  answerFromHand(argv: string[]): Promise<boolean>;
  /** Saves a sealed cache in the user's folder (code-cache-save.ts). */
  saveTrainedCache(path: string, data: Buffer): void;
}

interface BundleSource {
  source: string;
  filename: string;
  dirname: string;
  cachedData: Buffer | undefined;
  /** The bundle's `require` (the binary's full CLI needs built-ins; the fast path needs none). */
  require?: NodeJS.Require;
}

interface CompiledBundle<T> {
  exports: T;
  script: import('node:vm').Script;
  /** True when V8 took the code cache (false: none given, or refused as foreign). */
  cacheAccepted: boolean;
}

/** Compiles a CommonJS bundle in the standard wrapper, with a code cache if given, and runs its top level. */
export function runCommonJsBundle<T>(bundle: BundleSource): CompiledBundle<T> {
  const vm = process.getBuiltinModule('node:vm');
  const script = new vm.Script(wrapCommonJs(bundle.source), { filename: bundle.filename, cachedData: bundle.cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, bundle.require, module, bundle.filename, bundle.dirname);
  return { exports: module.exports, script, cacheAccepted: bundle.cachedData !== undefined && !script.cachedDataRejected };
}

/** The file's bytes, or undefined when it is absent or unreadable. */
export function readIfExists(path: string | undefined): Buffer | undefined {
  // existsSync first: the user's cache is usually absent, and a failed read builds an exception.
  if (path === undefined || !existsSync(path)) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

interface FastPathBundle {
  source: string;
  filename: string;
  dirname: string;
  /** Full SHA-256 of the source (set at build time): binds every cache, names the user's. */
  bundleHash: string;
  /** The cache trained at build time, shipped beside the bundle or embedded in the binary. */
  shippedCache(): Buffer | undefined;
}

/** Larger than any trained cache by far: a bigger file is not one, and is not read into memory. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** What the user's cache file gave: its bytes, nothing (absent), or a reason not to trust it. */
type UserCacheRead = { bytes: Buffer } | { absent: true } | { refused: string; folderUnsafe: boolean };

/**
 * Reads the user's cache only when its folder and the file itself belong to the user and nobody
 * else can write them (checked on the open file, so a swap after the check changes nothing).
 * Windows has no owner and mode bits here; its folder is under the user's own profile.
 */
function readUserCache(path: string, folder: string): UserCacheRead {
  const user = currentUserIds();
  if (user !== undefined) {
    let folderStat: ReturnType<typeof statSync>;
    try {
      folderStat = statSync(folder);
    } catch {
      return { absent: true };
    }
    const problem = whyNotPrivate(folderStat, user);
    if (problem) return { refused: `the folder ${folder}: ${problem}`, folderUnsafe: true };
  }
  if (!existsSync(path)) return { absent: true };
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    const problem = whyNotPrivate(stat, user);
    if (problem) return { refused: `${path}: ${problem}`, folderUnsafe: false };
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return { absent: true };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read) };
  } catch {
    return { absent: true };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function warn(problem: string): void {
  process.stderr.write(
    `awsctl: warning: start-up code cache not used: ${problem} (it must be yours alone: chmod 700 the folder, chmod 600 the file, or remove it)\n`,
  );
}

/**
 * Runs the fast path (see fast-answer.ts): true when it answered, false when the full CLI must
 * run the same argv. When V8 took no cache, the run that answered saves the one it has trained.
 */
export async function answerThroughFastPath(argv: string[], bundle: FastPathBundle): Promise<boolean> {
  const separator = process.platform === 'win32' ? '\\' : '/';
  const runtime = currentRuntime();
  const binding = cacheBinding(bundle.bundleHash, runtime);
  const plan = planCodeCache({
    separator,
    bundleHash: bundle.bundleHash,
    nodeVersion: runtime.nodeVersion,
    arch: runtime.arch,
    flagsTag: flagsTag(runtime),
    platform: process.platform,
    env: process.env,
  });
  const shipped = plan.enabled ? bundle.shippedCache() : undefined;
  let cachedData = shipped && openSealedCache(shipped, binding);
  // If V8 still refuses a shipped cache whose seal fits, training one would not help (the
  // shipped one comes first on every run): that run just goes uncached.
  let trainInto: string | undefined;
  if (plan.enabled && cachedData === undefined && plan.userCache !== undefined) {
    // The shipped cache is for another Node or other flags (or absent): the user's own, if safe.
    const read = readUserCache(plan.userCache, plan.userCache.slice(0, plan.userCache.lastIndexOf(separator)));
    if ('refused' in read) warn(read.refused);
    // A damaged cache, or one for another runtime under this name, is replaced without a word.
    if ('bytes' in read) cachedData = openSealedCache(read.bytes, binding);
    if (!('refused' in read && read.folderUnsafe)) trainInto = plan.userCache;
  }
  const compiled = runCommonJsBundle<FastPathExports>({ source: bundle.source, filename: bundle.filename, dirname: bundle.dirname, cachedData });
  const answered = await compiled.exports.answerFromHand(argv);
  if (answered && !compiled.cacheAccepted && trainInto !== undefined) {
    // The answer is printed by now: nothing here may fail the run (callers would run the full
    // CLI, which would print it a second time).
    try {
      const sealed = sealCodeCache(compiled.script.createCachedData(), binding);
      if (sealed) compiled.exports.saveTrainedCache(trainInto, sealed);
    } catch {
      // no cache this time
    }
  }
  return answered;
}
