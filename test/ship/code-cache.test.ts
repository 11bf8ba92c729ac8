// Where the fast path's V8 code cache comes from and goes (src/startup/code-cache.ts): pure rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCodeCache, shippedCacheName, userCacheDir, userCacheName, wrapCommonJs } from '../../src/startup/code-cache.ts';
import { tempDir } from '../helpers/cli.ts';

const base = { separator: '/', bundleHash: 'abc123', nodeVersion: 'v24.21.0', arch: 'x64', platform: 'linux' };

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
  assert.deepEqual(planCodeCache({ ...base, env: { HOME: '/home/u' } }), { enabled: true, userCache: '/home/u/.cache/awsctl/fast-path-abc123-v24.21.0-x64.cache' });
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

test('once the fast path has answered, a failure to save the trained cache still counts as answered', async () => {
  const { answerThroughFastPath } = await import('../../src/startup/fast-path-loader.ts');
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = tempDir('awsctl-xdg-'); // never the real cache folder
  try {
    const source = "module.exports = { answerFromHand: async () => true, saveTrainedCache: () => { throw new Error('disk gone'); } };";
    const bundle = { source, filename: '/x/fast-path.cjs', dirname: '/x', bundleHash: 'test', shippedCache: () => undefined };
    assert.equal(await answerThroughFastPath(['process'], bundle), true);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});
