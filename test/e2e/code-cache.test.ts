// The fast path's trained V8 code cache, end to end (src/startup/code-cache.ts): the one the build
// ships is taken by the Node that built it, so nothing is written; where it does not fit (here:
// an install without it), the first answer trains one into the user's cache folder, 0600, which
// later runs take; a damaged one is replaced, old ones are dropped, and nothing ever shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';
import { FAST_PATH_BUNDLE } from '../../src/startup/code-cache.ts';
import { awsctl, homeWithKeys, installWithoutShippedCache, SECRET, skipForBinary as skip, userCaches } from './code-cache-helpers.ts';

test('the shipped cache fits the Node that built it: nothing is trained or written', { skip }, () => {
  const home = homeWithKeys();
  const r = awsctl(join(repoRoot, 'bin', 'awsctl'), home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).SecretAccessKey, SECRET);
  assert.equal(existsSync(join(home, '.cache')), false, 'the shipped cache was taken, so no run trained one');
});

test('without a fitting cache the first answer trains one (0600, folder 0700) and later runs take it', { skip }, () => {
  const launcher = join(installWithoutShippedCache(), 'bin', 'awsctl');
  const home = homeWithKeys();
  const first = awsctl(launcher, home);
  assert.equal(first.code, 0, first.stderr);
  assert.equal(first.stderr, '');
  const [name, ...others] = userCaches(home);
  assert.ok(name && others.length === 0, `one trained cache: ${userCaches(home).join(', ')}`);
  assert.match(name, new RegExp(`^fast-path-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`));
  const file = join(home, '.cache', 'awsctl', name);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(home, '.cache', 'awsctl')).mode & 0o777, 0o700);
  const bytes = readFileSync(file);
  assert.ok(bytes.length > 10_000, `a trained cache holds the compiled functions (${bytes.length} bytes)`);
  for (const secret of [SECRET, 'AKIACODECACHE0000001']) assert.equal(bytes.includes(secret), false, 'a code cache holds code, not the answers');

  const before = statSync(file);
  const second = awsctl(launcher, home);
  assert.deepEqual(second, first, 'the same answer');
  const after = statSync(file);
  assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs], 'taken, so not trained again');
});

test('a damaged cache is replaced, and caches of other versions are dropped once a month old', { skip }, () => {
  const launcher = join(installWithoutShippedCache(), 'bin', 'awsctl');
  const home = homeWithKeys();
  awsctl(launcher, home);
  const [name] = userCaches(home);
  const file = join(home, '.cache', 'awsctl', name!);
  writeFileSync(file, Buffer.alloc(statSync(file).size, 7)); // same length, garbage
  const old = join(home, '.cache', 'awsctl', 'fast-path-0000000000000000-v22.12.0-x64.cache');
  writeFileSync(old, 'old');
  const monthsAgo = new Date(Date.now() - 40 * 24 * 3600_000);
  utimesSync(old, monthsAgo, monthsAgo);
  const recent = 'fast-path-1111111111111111-v22.12.0-x64.cache'; // another Node in use: kept, or the two would take turns rewriting
  writeFileSync(join(home, '.cache', 'awsctl', recent), 'recent');
  writeFileSync(join(home, '.cache', 'awsctl', 'unrelated.txt'), 'kept');
  const r = awsctl(launcher, home);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).SecretAccessKey, SECRET);
  assert.deepEqual(userCaches(home), [name, recent, 'unrelated.txt'].sort());
  assert.notEqual(readFileSync(file)[0], 7, 'trained afresh');
});

test('XDG_CACHE_HOME is followed; NODE_DISABLE_COMPILE_CACHE and an unwritable folder mean no cache, silently', { skip }, () => {
  const launcher = join(installWithoutShippedCache(), 'bin', 'awsctl');
  const home = homeWithKeys();
  const xdg = join(home, 'xdg');
  assert.equal(awsctl(launcher, home, { XDG_CACHE_HOME: xdg }).code, 0);
  assert.equal(readdirSync(join(xdg, 'awsctl')).length, 1);

  const off = homeWithKeys();
  const r = awsctl(launcher, off, { NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(existsSync(join(off, '.cache')), false);

  const readOnly = homeWithKeys();
  mkdirSync(join(readOnly, '.cache'));
  chmodSync(join(readOnly, '.cache'), 0o500);
  writeFileSync(join(readOnly, 'blocker'), '');
  const blocked = awsctl(launcher, readOnly, { XDG_CACHE_HOME: join(readOnly, 'blocker') }); // a file where the folder should be
  assert.equal(blocked.code, 0, blocked.stderr);
  assert.equal(blocked.stderr, '', 'a cache that cannot be saved is not worth a word');
  assert.equal(JSON.parse(blocked.stdout).SecretAccessKey, SECRET);
});

test('an install without the fast path still answers, through the full CLI, the same bytes', { skip }, () => {
  const root = installWithoutShippedCache();
  rmSync(join(root, 'dist', FAST_PATH_BUNDLE));
  const home = homeWithKeys();
  const viaFullCli = awsctl(join(root, 'bin', 'awsctl'), home);
  assert.equal(viaFullCli.code, 0, viaFullCli.stderr);
  assert.deepEqual(viaFullCli, awsctl(join(repoRoot, 'bin', 'awsctl'), home));
  assert.equal(existsSync(join(home, '.cache')), false);
});
