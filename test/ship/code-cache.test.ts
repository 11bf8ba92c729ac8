// Where the fast path's V8 code cache comes from and goes (src/cli/code-cache.ts): pure rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCodeCache, shippedCacheName, userCacheDir, userCacheName, wrapCommonJs } from '../../src/cli/code-cache.ts';

const base = { distDir: '/opt/awsctl/dist', separator: '/', bundleHash: 'abc123', nodeVersion: 'v24.21.0', arch: 'x64', platform: 'linux' };

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

test("the user's own cache is tried before the shipped one, and is where a trained cache goes", () => {
  const plan = planCodeCache({ ...base, env: { HOME: '/home/u' } });
  const user = '/home/u/.cache/awsctl/fast-path-abc123-v24.21.0-x64.cache';
  assert.deepEqual(plan, { candidates: [user, '/opt/awsctl/dist/fast-path-v24.21.0-x64.cache'], saveTo: user });
});

test('without a home only the shipped cache is tried and nothing is saved', () => {
  assert.deepEqual(planCodeCache({ ...base, env: {} }), { candidates: ['/opt/awsctl/dist/fast-path-v24.21.0-x64.cache'], saveTo: undefined });
});

test("NODE_DISABLE_COMPILE_CACHE (Node's own switch) turns code caches off", () => {
  assert.deepEqual(planCodeCache({ ...base, env: { HOME: '/home/u', NODE_DISABLE_COMPILE_CACHE: '1' } }), { candidates: [], saveTo: undefined });
});

test('cache names tell Node versions, architectures and bundles apart', () => {
  const names = new Set([
    userCacheName('abc', 'v24.21.0', 'x64'),
    userCacheName('abd', 'v24.21.0', 'x64'),
    userCacheName('abc', 'v24.21.1', 'x64'),
    userCacheName('abc', 'v24.21.0', 'arm64'),
    shippedCacheName('v24.21.0', 'x64'),
    shippedCacheName('v22.12.0', 'x64'),
  ]);
  assert.equal(names.size, 6);
});

test('the wrapper is a CommonJS function expression over the source, with the source intact', () => {
  const wrapped = wrapCommonJs('module.exports = __dirname; // last line without newline');
  const fn = (0, eval)(wrapped) as (...args: unknown[]) => void;
  const module = { exports: undefined as unknown };
  fn({}, undefined, module, '/d/f.cjs', '/d');
  assert.equal(module.exports, '/d');
});
