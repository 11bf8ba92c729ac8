// The integrity seal on a start-up code cache file (code-cache.ts says what the cache is).
//
// V8 trusts a code cache blindly: it checks its own version, its flags and the LENGTH of the
// source, nothing else. A cache made from another script of the same length runs that script's
// code; a few flipped bytes crash V8 (exit 133 or 139) before awsctl can replace the file. So
// every cache awsctl writes is sealed, and none reaches V8 unless its seal checks out:
//
//   MAGIC | checksum(binding, V8 bytes) | V8 bytes
//
// The binding names exactly what the V8 bytes fit: the fast-path bundle's full content hash,
// the Node and V8 versions, platform, arch, and the flags Node was started with. A cache that
// does not fit this run, or was damaged, is refused before V8 sees it.
//
// The seal is a checksum, not a signature: whoever can write the file can also reseal it. What
// keeps other people's code out is where the file is read from (the install, or a folder only
// the user can write: fast-path-loader.ts); the seal keeps out damage and caches of other builds.
// So it need not be cryptographic, and must be cheap: loading node:crypto costs a cached
// `awsctl process` 6-15 ms, more than the code cache saves, and a hash loop in JavaScript 3-6 ms
// (it runs before anything is compiled). The checksum is a 64-bit multiply-rotate hash run as a
// tiny WebAssembly function (0.3 ms for the 165 KB cache): each 8-byte word goes through
// h = rotl(h ^ word, 29) * K1, a bijection of h for a given word, so a change within any one
// word always changes the result; then a final mix. The data's length is hashed too. Where
// WebAssembly is off (node --jitless), no cache is checked, so none is used.

// 24 bytes, so that the V8 bytes start 8-byte aligned after the 8-byte checksum (V8 copies
// cached data that is not aligned).
const MAGIC = 'awsctl start-up cache 1\n';
const DIGEST_BYTES = 8;

// (module (memory (export "m") 1)
//   (func (export "h") (param $len i32) (param $seed i64) (result i64) (local $i i32) (local $h i64)
//     h = seed; while (i < len) { h = rotl(h ^ i64.load(i), 29) * 0x9E3779B97F4A7C15; i += 8 }
//     h ^= h >>> 32; h *= 0xBF58476D1CE4E5B9; h ^ (h >>> 29)))
const HASH_WASM =
  'AGFzbQEAAAABBwFgAn9+AX4DAgEABQMBAAEHCQIBbQIAAWgAAApdAVsCAX8BfiABIQMCQANAIAIgAE8NASADIAIpAwCFQh2JQpX4qfqXt96bnn9+IQMgAkEIaiECDAALCyADIANCIIiFIQMgA0K5y5Pn0e2RrL9/fiEDIAMgA0IdiIUL';
const SEED = 0x61777363746c3031n; // "awsctl01"

/** The little of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

interface WasmHasher {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  hash: (length: number, seed: bigint) => bigint;
}

let hasher: WasmHasher | null | undefined;

function wasmHasher(): WasmHasher | undefined {
  if (hasher === undefined) {
    try {
      const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      const { exports } = new wasm.Instance(new wasm.Module(Buffer.from(HASH_WASM, 'base64')));
      hasher = { memory: exports.m as WasmHasher['memory'], hash: exports.h as WasmHasher['hash'] };
    } catch {
      hasher = null; // WebAssembly is off (--jitless): no checksum, so no code cache
    }
  }
  return hasher ?? undefined;
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * The 64-bit checksum (16 hex digits) of `binding` and `data`, or undefined where it cannot be
 * computed. Hashed: the binding's UTF-8 bytes, zero-padded to 8; the data's length (8 bytes);
 * the data, zero-padded to 8.
 */
export function checksum64(binding: string, data: Uint8Array): string | undefined {
  const wasm = wasmHasher();
  if (wasm === undefined) return undefined;
  const head = Buffer.from(binding, 'utf8');
  const dataAt = align8(head.length) + 8;
  const total = dataAt + align8(data.length);
  const missing = total - wasm.memory.buffer.byteLength;
  if (missing > 0) wasm.memory.grow(Math.ceil(missing / 65536));
  const memory = new Uint8Array(wasm.memory.buffer, 0, total);
  memory.set(head, 0);
  memory.fill(0, head.length, dataAt - 8);
  new DataView(memory.buffer).setBigUint64(dataAt - 8, BigInt(data.length), true);
  memory.set(data, dataAt);
  memory.fill(0, dataAt + data.length, total);
  return BigInt.asUintN(64, wasm.hash(total, SEED)).toString(16).padStart(16, '0');
}

/** The full SHA-256 (hex) of the fast-path bundle: made at build time (never at start-up), part of every binding. */
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
function hasFlags(runtime: CacheRuntime): boolean {
  return runtime.execArgv.length > 0 || runtime.nodeOptions !== '';
}

/** A short tag for the flags, so that two flag sets never share (and rewrite) one cache file. */
export function flagsTag(runtime: CacheRuntime): string {
  if (!hasFlags(runtime)) return '';
  // Without WebAssembly no cache is checked or used, so the name does not matter.
  return checksum64('flags', Buffer.from(JSON.stringify([runtime.execArgv, runtime.nodeOptions]), 'utf8'))?.slice(0, 12) ?? 'flags';
}

/** The text the seal binds the cache to (JSON: no two runtimes give the same text). */
export function cacheBinding(bundleHash: string, runtime: CacheRuntime): string {
  const { nodeVersion, v8Version, platform, arch, execArgv, nodeOptions } = runtime;
  return JSON.stringify({ bundleHash, nodeVersion, v8Version, platform, arch, execArgv, nodeOptions });
}

/** The file to write for a V8 cache this runtime made, or undefined where no checksum can be made. */
export function sealCodeCache(v8Bytes: Buffer, binding: string): Buffer | undefined {
  const sum = checksum64(binding, v8Bytes);
  return sum === undefined ? undefined : Buffer.concat([Buffer.from(MAGIC, 'latin1'), Buffer.from(sum, 'hex'), v8Bytes]);
}

/** The V8 bytes of a sealed file, or undefined when it is not one, fits another runtime, is damaged, or cannot be checked. */
export function openSealedCache(file: Buffer, binding: string): Buffer | undefined {
  const start = MAGIC.length + DIGEST_BYTES;
  if (file.length <= start || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const v8Bytes = file.subarray(start);
  return checksum64(binding, v8Bytes) === file.toString('hex', MAGIC.length, start) ? v8Bytes : undefined;
}
