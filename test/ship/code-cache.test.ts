// Where the fast path's V8 code cache comes from and goes (src/startup/code-cache.ts): pure rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCodeCache, shippedCacheName, userCacheDir, userCacheName, wrapCommonJs } from '../../src/startup/code-cache.ts';
import {
  bundleContentHash,
  cacheBinding,
  checksum64,
  flagsTag,
  openSealedCache,
  sealCodeCache,
  type CacheRuntime,
} from '../../src/startup/code-cache-integrity.ts';
import { tempDir } from '../helpers/cli.ts';
import { whyNotPrivate } from '../../src/io/private-folder.ts';

const base = { separator: '/', bundleHash: 'abc123', nodeVersion: 'v24.21.0', arch: 'x64', flagsTag: '', platform: 'linux' };

test('the user cache folder follows each platform', () => {
  assert.equal(userCacheDir('linux', { HOME: '/home/u' }), '/home/u/.cache/awsctl');
  assert.equal(userCacheDir('linux', { HOME: '/home/u', XDG_CACHE_HOME: '/var/cache/u' }), '/var/cache/u/awsctl');
  assert.equal(userCacheDir('linux', { HOME: '/home/u', XDG_CACHE_HOME: 'relative/cache' }), '/home/u/.cache/awsctl', 'XDG: a relative path is ignored');
  assert.equal(userCacheDir('freebsd', { HOME: '/usr/home/u', XDG_CACHE_HOME: '' }), '/usr/home/u/.cache/awsctl');
  assert.equal(userCacheDir('darwin', { HOME: '/Users/u', XDG_CACHE_HOME: '/x' }), '/Users/u/Library/Caches/awsctl');
  assert.equal(userCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }), 'C:\\Users\\u\\AppData\\Local\\awsctl\\cache');
  assert.equal(userCacheDir('win32', { USERPROFILE: 'C:\\Users\\u' }), 'C:\\Users\\u\\AppData\\Local\\awsctl\\cache');
  assert.equal(userCacheDir('linux', {}), undefined, 'no home: no user cache');
  assert.equal(userCacheDir('win32', {}), undefined);
});

test("the user's own cache is named after the bundle, the Node and the architecture", () => {
  assert.deepEqual(planCodeCache({ ...base, env: { HOME: '/home/u' } }), {
    enabled: true,
    userCache: '/home/u/.cache/awsctl/fast-path-abc123-v24.21.0-x64.cache',
  });
  const windows = planCodeCache({ ...base, separator: '\\', platform: 'win32', env: { LOCALAPPDATA: 'C:\\L' } });
  assert.equal(windows.userCache, 'C:\\L\\awsctl\\cache\\fast-path-abc123-v24.21.0-x64.cache');
});

test('without a home only the shipped cache can be used: nothing is saved', () => {
  assert.deepEqual(planCodeCache({ ...base, env: {} }), { enabled: true, userCache: undefined });
});

test("NODE_DISABLE_COMPILE_CACHE (Node's own switch) turns code caches off", () => {
  assert.deepEqual(planCodeCache({ ...base, env: { HOME: '/home/u', NODE_DISABLE_COMPILE_CACHE: '1' } }), { enabled: false, userCache: undefined });
});

test('cache names tell Node versions, architectures and bundles apart', () => {
  const names = new Set([
    userCacheName('abc', 'v24.21.0', 'x64'),
    userCacheName('abd', 'v24.21.0', 'x64'),
    userCacheName('abc', 'v24.21.1', 'x64'),
    userCacheName('abc', 'v24.21.0', 'arm64'),
    userCacheName('abc', 'v24.21.0', 'x64', flagsTag({ ...runtime, nodeOptions: '--max-old-space-size=100' })),
    userCacheName('abc', 'v24.21.0', 'x64', flagsTag({ ...runtime, execArgv: ['--jitless'] })),
    shippedCacheName('v24.21.0', 'x64'),
    shippedCacheName('v22.12.0', 'x64'),
  ]);
  assert.equal(names.size, 8, 'two flag sets never share (and rewrite) one file');
  assert.equal(flagsTag(runtime), '', 'a run without flags keeps the plain name');
  assert.equal(userCacheName(bundleContentHash('x'), 'v24.21.0', 'x64'), `fast-path-${bundleContentHash('x').slice(0, 16)}-v24.21.0-x64.cache`);
});

const runtime: CacheRuntime = { nodeVersion: 'v24.21.0', v8Version: '13.6.233.10-node.30', platform: 'linux', arch: 'x64', execArgv: [], nodeOptions: '' };
const hash = bundleContentHash('the bundle');

/** The checksum as its comment describes it, in BigInt arithmetic: the WebAssembly must agree. */
function referenceChecksum(binding: string, data: Uint8Array): string {
  const M = (1n << 64n) - 1n;
  const pad = (bytes: Uint8Array) => Buffer.concat([bytes, Buffer.alloc((8 - (bytes.length % 8)) % 8)]);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(data.length));
  const all = Buffer.concat([pad(Buffer.from(binding, 'utf8')), length, pad(data)]);
  let h = 0x61777363746c3031n;
  for (let i = 0; i < all.length; i += 8) {
    const x = (h ^ all.readBigUInt64LE(i)) & M;
    h = ((((x << 29n) | (x >> 35n)) & M) * 0x9e3779b97f4a7c15n) & M;
  }
  h ^= h >> 32n;
  h = (h * 0xbf58476d1ce4e5b9n) & M;
  h ^= h >> 29n;
  return h.toString(16).padStart(16, '0');
}

test('the checksum is the multiply-rotate hash its comment describes, for any lengths, memory grown as needed', () => {
  for (const [binding, size] of [
    ['', 0],
    ['b', 1],
    ['binding', 7],
    ['{"x":"é"}', 8],
    ['long binding '.repeat(9), 1000],
    ['', 200_000],
  ] as const) {
    const data = Uint8Array.from({ length: size }, (_, i) => (i * 31 + size) & 0xff);
    assert.equal(checksum64(binding, data), referenceChecksum(binding, data), `${binding.length} + ${size} bytes`);
  }
  assert.notEqual(checksum64('a', new Uint8Array(8)), checksum64('a', new Uint8Array(9)), 'zero padding is told from data by the length');
});

test('a sealed cache opens only for the exact bundle, Node, V8, platform, arch and flags, and only intact', () => {
  const v8Bytes = Buffer.from('pretend V8 code cache bytes, any length');
  const sealed = sealCodeCache(v8Bytes, cacheBinding(hash, runtime))!;
  assert.deepEqual(openSealedCache(sealed, cacheBinding(hash, runtime)), v8Bytes);
  const others: CacheRuntime[] = [
    { ...runtime, nodeVersion: 'v24.21.1' },
    { ...runtime, v8Version: '13.6.233.10-node.31' },
    { ...runtime, platform: 'darwin' },
    { ...runtime, arch: 'arm64' },
    { ...runtime, execArgv: ['--jitless'] },
    { ...runtime, nodeOptions: '--max-old-space-size=100' },
  ];
  for (const other of others) assert.equal(openSealedCache(sealed, cacheBinding(hash, other)), undefined, JSON.stringify(other));
  assert.equal(openSealedCache(sealed, cacheBinding(bundleContentHash('another bundle'), runtime)), undefined);
  for (let at = 0; at < sealed.length; at++) {
    const flipped = Buffer.from(sealed);
    flipped[at]! ^= 0x01;
    assert.equal(openSealedCache(flipped, cacheBinding(hash, runtime)), undefined, `one bit flipped at byte ${at}`);
  }
  assert.equal(openSealedCache(sealed.subarray(0, sealed.length - 1), cacheBinding(hash, runtime)), undefined, 'cut short');
  assert.equal(openSealedCache(v8Bytes, cacheBinding(hash, runtime)), undefined, 'an unsealed (raw V8) cache');
  assert.equal(openSealedCache(Buffer.alloc(0), cacheBinding(hash, runtime)), undefined);
});

test("a cache folder or file is trusted only when it is the user's and nobody else can write it", () => {
  const user = { uid: 1000, gid: 1000 };
  assert.equal(whyNotPrivate({ uid: 1000, gid: 1000, mode: 0o40700 }, user), undefined);
  assert.equal(whyNotPrivate({ uid: 1000, gid: 1000, mode: 0o100600 }, user), undefined);
  assert.equal(whyNotPrivate({ uid: 1000, gid: 100, mode: 0o40755 }, user), undefined, 'readable by others is fine: it holds no secret');
  assert.equal(
    whyNotPrivate({ uid: 1000, gid: 1000, mode: 0o40775 }, user),
    undefined,
    "the user's own (private) group may write: the AWS CLI makes 0775 under umask 002",
  );
  assert.match(whyNotPrivate({ uid: 1001, gid: 1000, mode: 0o40700 }, user)!, /another user \(uid 1001\)/);
  assert.match(whyNotPrivate({ uid: 1000, gid: 1000, mode: 0o40777 }, user)!, /others can write to it \(mode 0777\)/);
  assert.match(whyNotPrivate({ uid: 1000, gid: 100, mode: 0o100620 }, user)!, /mode 0620/, 'a shared group writing counts');
  assert.equal(whyNotPrivate({ uid: 0, mode: 0o40777 }, undefined), undefined, 'Windows: no owner and mode bits to go by');
});

test('the wrapper is a CommonJS function expression over the source, with the source intact', () => {
  const wrapped = wrapCommonJs('module.exports = __dirname; // last line without newline');
  const fn = (0, eval)(wrapped) as (...args: unknown[]) => void;
  const module = { exports: undefined as unknown };
  fn({}, undefined, module, '/d/f.cjs', '/d');
  assert.equal(module.exports, '/d');
});

test('once the fast path has answered, a failure to save the trained cache still counts as answered', async () => {
  const { answerThroughFastPath } = await import('../../src/startup/fast-path-loader.ts');
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = tempDir('awsctl-xdg-'); // never the real cache folder
  try {
    const source = "module.exports = { answerFromHand: async () => true, saveTrainedCache: () => { throw new Error('disk gone'); } };";
    const bundle = { source, filename: '/x/fast-path.cjs', dirname: '/x', bundleHash: bundleContentHash(source), shippedCache: () => undefined };
    assert.equal(await answerThroughFastPath(['process'], bundle), true);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});
