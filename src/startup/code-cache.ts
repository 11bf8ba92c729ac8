// V8 code caches for start-up. Node's own compile cache (module.enableCompileCache) and the
// single binary's `useCodeCache` are made right after a module is compiled, so they hold little
// more than the top-level code: every function a cached `awsctl process` then calls is still
// parsed and compiled lazily on every run, which was most of the gap to `node -e 0`. A cache made
// with vm.Script#createCachedData AFTER a run holds those functions too ("trained").
//
// A V8 code cache fits only the V8 (and flags) that made it, and V8 checks only the LENGTH of the
// source: every cache file is sealed to the exact bundle, Node, V8, arch and flags, and checked
// before V8 sees it (code-cache-integrity.ts); the user's folder must be the user's alone
// (io/private-folder.ts).
//
// Pure names and paths here; fast-path-loader.ts does the reading, code-cache-save.ts the writing.
import { userCacheDir } from '../io/user-cache-dir.ts';

export { userCacheDir };

/** The CommonJS wrapper bundles are compiled in; a code cache is made for exactly these bytes. */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/** The fast-path bundle in dist/ (bin/awsctl, the launcher, finds it there). */
export const FAST_PATH_BUNDLE = 'fast-path.cjs';

/** The trained cache the build ships beside the bundle, for the Node that built it (the single binary embeds its own). */
export function shippedCacheName(nodeVersion: string, arch: string): string {
  return `fast-path-${nodeVersion}-${arch}.cache`;
}

/**
 * Any other Node trains its own after its first answer. The name holds all that tells the files
 * of two runtimes apart (bundle, Node, arch, and a tag when Node has flags), so that two Node
 * versions or flag sets in turn never rewrite one file on every run.
 */
export function userCacheName(bundleHash: string, nodeVersion: string, arch: string, flagsTag = ''): string {
  return `fast-path-${bundleHash.slice(0, 16)}-${nodeVersion}-${arch}${flagsTag ? `-${flagsTag}` : ''}.cache`;
}

export const USER_CACHE_PREFIX = 'fast-path-';

interface CodeCachePlan {
  /** False when code caches are switched off: none is read, none is saved. */
  enabled: boolean;
  /**
   * The user's own cache: tried only when the shipped (or embedded) one does not fit this run
   * (another Node, other flags), and where this run saves the cache it trains when V8 took
   * none. Undefined when there is no home for it.
   */
  userCache: string | undefined;
}

/** NODE_DISABLE_COMPILE_CACHE, Node's switch for its own cache, turns these off as well. */
export function planCodeCache(input: {
  separator: string;
  bundleHash: string;
  nodeVersion: string;
  arch: string;
  flagsTag: string;
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
}): CodeCachePlan {
  if (input.env.NODE_DISABLE_COMPILE_CACHE) return { enabled: false, userCache: undefined };
  const dir = userCacheDir(input.platform, input.env);
  return {
    enabled: true,
    userCache: dir === undefined ? undefined : `${dir}${input.separator}${userCacheName(input.bundleHash, input.nodeVersion, input.arch, input.flagsTag)}`,
  };
}

/** Caches of other installs or Node versions are dropped once none has been written for this long. */
export const STALE_USER_CACHE_MS = 30 * 24 * 3600_000;
