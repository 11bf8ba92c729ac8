// The integrity seal on a start-up code cache file (code-cache.ts says what the cache is).
//
// V8 trusts a code cache blindly: it checks its own version, its flags and the LENGTH of the
// source, nothing else. A cache made from another script of the same length runs that script's
// code; a few flipped bytes crash V8 (exit 133 or 139) before awsctl can replace the file. So
// every cache awsctl writes is sealed, and none reaches V8 unless its seal checks out:
//
//   MAGIC | SHA-256(binding, V8 bytes) | V8 bytes
//
// The binding names exactly what the V8 bytes fit: the fast-path bundle's full content hash,
// the Node and V8 versions, platform, arch, and the flags Node was started with. A cache that
// does not fit this run, or was damaged, is refused before V8 sees it.
//
// The seal is a checksum, not a signature: whoever can write the file can also reseal it. What
// keeps other people's code out is where the file is read from (the install, or a folder only
// the user can write: fast-path-loader.ts); the seal keeps out damage and caches of other builds.

const MAGIC = 'awsctl code cache 1\n';
const DIGEST_BYTES = 32;

/** The full SHA-256 (hex) of the fast-path bundle: set at build time, part of every binding. */
export function bundleContentHash(bytes: Buffer | string): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(bytes).digest('hex');
}

/** What a V8 code cache made by this process fits. */
export interface CacheRuntime {
  nodeVersion: string;
  v8Version: string;
  platform: string;
  arch: string;
  /** Node's own command-line flags (process.execArgv); V8 refuses a cache made under other flags. */
  execArgv: readonly string[];
  /** NODE_OPTIONS, which may carry V8 flags too. */
  nodeOptions: string;
}

export function currentRuntime(): CacheRuntime {
  return {
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS ?? '',
  };
}

/** True when the run has flags of its own (its user cache then gets a name of its own: code-cache.ts). */
export function hasFlags(runtime: CacheRuntime): boolean {
  return runtime.execArgv.length > 0 || runtime.nodeOptions !== '';
}

/** A short tag for the flags, so that two flag sets never share (and rewrite) one cache file. */
export function flagsTag(runtime: CacheRuntime): string {
  if (!hasFlags(runtime)) return '';
  return bundleContentHash(JSON.stringify([runtime.execArgv, runtime.nodeOptions])).slice(0, 12);
}

/** The text the seal binds the cache to (JSON: no two runtimes give the same text). */
export function cacheBinding(bundleHash: string, runtime: CacheRuntime): string {
  const { nodeVersion, v8Version, platform, arch, execArgv, nodeOptions } = runtime;
  return JSON.stringify({ bundleHash, nodeVersion, v8Version, platform, arch, execArgv, nodeOptions });
}

function digest(binding: string, v8Bytes: Buffer): Buffer {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(binding).update(v8Bytes).digest();
}

/** The file to write for a V8 cache this runtime made. */
export function sealCodeCache(v8Bytes: Buffer, binding: string): Buffer {
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), digest(binding, v8Bytes), v8Bytes]);
}

/** The V8 bytes of a sealed file, or undefined when it is not one, fits another runtime, or is damaged. */
export function openSealedCache(file: Buffer, binding: string): Buffer | undefined {
  const start = MAGIC.length + DIGEST_BYTES;
  if (file.length <= start || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const v8Bytes = file.subarray(start);
  return digest(binding, v8Bytes).equals(file.subarray(MAGIC.length, start)) ? v8Bytes : undefined;
}
