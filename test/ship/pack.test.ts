// `npm pack` ships only what a user needs, and the tarball installs globally, offline, into
// an empty prefix and runs with Node 24 alone (everything is bundled: no runtime dependencies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot, tempDir } from '../helpers/cli.ts';
import { NO_BUNDLE, distBundle } from './shells.ts';
import { existsSync } from 'node:fs';
import { shippedCacheName } from '../../src/startup/code-cache.ts';
import { installedKeyringAddons } from '../../scripts/keyring-addons.ts';
import { basename } from 'node:path';

// dist/ also holds the chunks esbuild splits off (dist/chunks/*.mjs, names hashed): checked by pattern.
// The fast path's trained code cache is named after the Node that built it (src/startup/code-cache.ts).
const EXPECTED = [
  'LICENSE',
  'README.md',
  'bin/awsctl',
  'bin/package.json',
  'completions/_awsctl',
  'completions/awsctl.bash',
  'completions/awsctl.fish',
  'completions/awsctl.ps1',
  'dist/awsctl.mjs',
  `dist/${shippedCacheName(process.version, process.arch)}`,
  'dist/fast-path.cjs',
  'man/awsctl.1',
  'package.json',
  // The keyring store's native addon(s) npm installed for this machine (scripts/build.ts).
  ...installedKeyringAddons(repoRoot).map((path) => `dist/native/${basename(path)}`),
].sort();
const CHUNK = /^dist\/chunks\/[\w-]+\.mjs$/;

test('npm pack contains only the shipped files, and the tarball installs and runs', {
  skip: existsSync(distBundle) ? false : NO_BUNDLE,
  timeout: 60_000,
}, () => {
  const work = tempDir('awsctl-pack-');
  // npm's cache and logs go to the temp folder, never to the developer's ~/.npm.
  // Scripts off: prepack would rebuild dist/ under the other tests' feet (the next test packs a
  // copy, with the build).
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_ignore_scripts: 'true',
  };
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repoRoot, env, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  const paths = packed[0]!.files.map((f) => f.path).sort();
  assert.deepEqual(
    paths.filter((p) => !CHUNK.test(p)),
    EXPECTED,
  );
  assert.ok(
    paths.some((p) => CHUNK.test(p)),
    'the split chunks are shipped',
  );

  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, packed[0]!.filename)], {
    cwd: work,
    env,
    encoding: 'utf8',
  });
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
  // Only Node 24 and system tools on PATH: the installed launcher must find nothing from this checkout.
  const output = execFileSync(join(prefix, 'bin', 'awsctl'), ['--version'], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work },
  });
  assert.match(output, new RegExp(version.replace(/\./g, '\\.')));
  assert.ok(existsSync(join(prefix, 'lib', 'node_modules', 'awsctl', 'man', 'awsctl.1')));

  // The fast path, through the linked launcher, with the code cache shipped in the package: taken
  // by this Node (it built it), so the run trains and saves none in the user's cache folder.
  const home = tempDir('awsctl-pack-home-');
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAPACKED0000000001\naws_secret_access_key = packed-secret\n', {
    mode: 0o600,
  });
  const answer = execFileSync(join(prefix, 'bin', 'awsctl'), ['process'], {
    cwd: home,
    encoding: 'utf8',
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home },
  });
  assert.equal(JSON.parse(answer).AccessKeyId, 'AKIAPACKED0000000001');
  assert.equal(existsSync(join(home, '.cache')), false, 'the shipped code cache was taken');

  // The keyring store loads the addon shipped in the package (no node_modules beside it): with no
  // session bus it fails reaching the keyring, not for want of the addon.
  if (installedKeyringAddons(repoRoot).length > 0) {
    let stderr = '';
    try {
      execFileSync(join(prefix, 'bin', 'awsctl'), ['keys', 'add', '--profile', 'p', '--store', 'keyring'], {
        cwd: home,
        encoding: 'utf8',
        stdio: 'pipe',
        env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
      });
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr);
    }
    assert.match(stderr, /keyring store: reaching the keyring failed: /, stderr);
    assert.doesNotMatch(stderr, /cannot be used by this awsctl/);
  }
});

test('npm pack in a fresh clone builds first: the tarball has bin/ and dist/, and installs a working command', { timeout: 180_000 }, () => {
  const work = tempDir('awsctl-clone-');
  const clone = join(work, 'clone');
  // A fresh clone: the tracked files only (no bin/, no dist/), with this checkout's node_modules.
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const path of tracked) {
    if (!existsSync(join(repoRoot, path))) continue;
    mkdirSync(dirname(join(clone, path)), { recursive: true });
    copyFileSync(join(repoRoot, path), join(clone, path));
  }
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(clone, 'node_modules'));
  assert.equal(existsSync(join(clone, 'dist')), false);
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_update_notifier: 'false',
  };
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: clone, env, encoding: 'utf8' });
  // npm prints the prepack script's output before the JSON.
  const packed = JSON.parse(out.slice(out.indexOf('[\n'))) as { filename: string; files: { path: string }[] }[];
  const paths = packed[0]!.files.map((f) => f.path);
  for (const needed of ['bin/awsctl', 'dist/awsctl.mjs', 'dist/fast-path.cjs']) assert.ok(paths.includes(needed), `${needed} in ${paths.join(', ')}`);
  const prefix = join(work, 'prefix');
  execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(work, packed[0]!.filename)], {
    cwd: work,
    env,
    encoding: 'utf8',
  });
  const output = execFileSync(join(prefix, 'bin', 'awsctl'), ['--version'], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: work },
  });
  assert.match(output, /\d+\.\d+\.\d+/);
});
