// Files under hostile conditions: a credentials file others can read (warned about, once), a
// read-only HOME (credentials still resolve, without caching; configure fails cleanly and leaves
// the file as it was), a full disk (the write fails, the original is intact, no temp file is
// left), a symlinked config (the link survives a write), and HOME / AWS_CONFIG_FILE paths with
// spaces and non-ASCII characters. Read-only and full file systems are real tmpfs mounts, which
// need root; elsewhere those tests skip with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.ts';
import { isRoot, spawnCli, startRig } from './rig.ts';
import { BASE_KEY } from '../helpers/fixtures.ts';

const CONFIG = `# team config, kept byte for byte
[profile base]
region = eu-west-1

[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
region = eu-west-2
`;
const CREDENTIALS = `[base]\naws_access_key_id = ${BASE_KEY.id}\naws_secret_access_key = ${BASE_KEY.secret}\n`;

function writeProfiles(home: string, credentialsMode = 0o600): void {
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), CONFIG);
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS);
  chmodSync(join(home, '.aws', 'credentials'), credentialsMode);
}

const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

test('a credentials file readable by group or others: one warning line per run, credentials still printed', async () => {
  const r = await startRig();
  try {
    for (const [mode, readers] of [
      [0o644, 'group and others'],
      [0o604, 'others'],
      [0o640, 'group'],
    ] as const) {
      writeProfiles(r.home, mode);
      // dev reads the base profile's keys through a role hop: the files are still loaded once.
      const result = await r.run(['process', '--profile', 'dev']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(JSON.parse(result.stdout).Version, 1);
      assert.deepEqual(lines(result.stderr), [
        `awsctl: warning: ${join(r.home, '.aws', 'credentials')} is readable by ${readers} (mode ${mode.toString(8)}); run chmod 600 on it`,
      ]);
    }
    writeProfiles(r.home, 0o600);
    const quiet = await r.run(['env', '--profile', 'base']);
    assert.equal(quiet.code, 0);
    assert.equal(quiet.stderr, '', 'no warning for mode 600');
  } finally {
    await r.close();
  }
});

/** A tmpfs of `size` at a temp folder, or a reason it cannot be had. */
function mountTmpfs(size: string): { dir: string; remountReadOnly(): void; unmount(): void } | string {
  if (!isRoot()) return 'mounting a tmpfs needs root';
  const dir = tempDir('awsctl-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return 'mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?)';
  }
  return {
    dir,
    remountReadOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a read-only HOME: credentials resolve without caching; configure set fails cleanly, file intact', async (t) => {
  const mount = mountTmpfs('1m');
  if (typeof mount === 'string') return t.skip(mount);
  const r = await startRig();
  try {
    writeProfiles(mount.dir);
    mount.remountReadOnly();
    const env = { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' };
    for (let i = 0; i < 2; i++) {
      const resolved = await spawnCli(['process', '--profile', 'dev'], mount.dir, env);
      assert.equal(resolved.code, 0, resolved.stderr);
      assert.match(JSON.parse(resolved.stdout).AccessKeyId, /^ASIAFAKE/);
      assert.doesNotMatch(resolved.stderr, /^ {4}at /m);
    }
    assert.equal(r.aws.sts.calls.length, 2, 'nothing could be cached, so each run called STS');
    const set = await spawnCli(['configure', 'set', 'region', 'ap-south-1', '--profile', 'dev'], mount.dir, env);
    assert.equal(set.code, 1, set.stderr);
    assert.equal(set.stdout, '');
    assert.equal(lines(set.stderr).length, 1, set.stderr);
    assert.match(set.stderr, /^awsctl: .*(read-only|EROFS)/i);
    t.diagnostic(set.stderr.trim());
    assert.equal(readFileSync(join(mount.dir, '.aws', 'config'), 'utf8'), CONFIG);
  } finally {
    await r.close();
    mount.unmount();
  }
});

// Two ways to be full: no block left at all (the edit lock cannot even be taken), and two blocks
// left, enough for the lock but not for the new copy of a 20 KB config (the atomic write itself
// fails half-way).
for (const freeBytes of [0, 8192]) {
  test(`a full disk (${freeBytes} bytes free): configure set fails, the original is intact and no temp file is left`, async (t) => {
    const mount = mountTmpfs('128k');
    if (typeof mount === 'string') return t.skip(mount);
    const r = await startRig();
    try {
      const bigConfig = `${'# a comment line that makes the config file big enough to need several blocks\n'.repeat(260)}${CONFIG}`;
      writeProfiles(mount.dir);
      writeFileSync(join(mount.dir, '.aws', 'config'), bigConfig);
      fillDisk(join(mount.dir, 'filler'), freeBytes);
      const before = readdirSync(join(mount.dir, '.aws')).sort();
      const env = { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' };
      const set = await spawnCli(['configure', 'set', 'region', 'ap-south-1', '--profile', 'dev'], mount.dir, env);
      assert.equal(set.code, 1, set.stderr);
      assert.equal(set.stdout, '');
      assert.equal(lines(set.stderr).length, 1, set.stderr);
      assert.match(set.stderr, /^awsctl: .*(no space|ENOSPC|full)/i);
      t.diagnostic(set.stderr.trim());
      assert.equal(readFileSync(join(mount.dir, '.aws', 'config'), 'utf8'), bigConfig);
      assert.deepEqual(readdirSync(join(mount.dir, '.aws')).sort(), before, 'no temp or lock file left beside the config');
      // Resolving still works on a full disk: the cache write fails quietly.
      const resolved = await spawnCli(['process', '--profile', 'dev'], mount.dir, env);
      assert.equal(resolved.code, 0, resolved.stderr);
      assert.match(JSON.parse(resolved.stdout).AccessKeyId, /^ASIAFAKE/);
    } finally {
      await r.close();
      mount.unmount();
    }
  });
}

/** Fills the file system holding `path` to the last block, then frees `freeBytes`. */
function fillDisk(path: string, freeBytes: number): void {
  writeFileSync(path, '');
  let size = 0;
  try {
    for (;;) {
      writeFileSync(path, Buffer.alloc(4096, 1), { flag: 'a' });
      size += 4096;
    }
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  if (freeBytes > 0) truncateSync(path, Math.max(0, size - freeBytes));
}

test('a symlinked config: read through the link, and a write keeps the link and updates its target', async () => {
  const r = await startRig();
  try {
    writeProfiles(r.home);
    const target = join(r.home, 'dotfiles', 'aws-config');
    mkdirSync(join(r.home, 'dotfiles'));
    writeFileSync(target, CONFIG);
    rmSync(join(r.home, '.aws', 'config'));
    symlinkSync('../dotfiles/aws-config', join(r.home, '.aws', 'config'));
    const resolved = await r.run(['env', '--profile', 'dev', '--format', 'json']);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.equal(JSON.parse(resolved.stdout).AWS_REGION, 'eu-west-2');
    const set = await r.run(['configure', 'set', 'region', 'ap-south-1', '--profile', 'dev']);
    assert.equal(set.code, 0, set.stderr);
    assert.ok(lstatSync(join(r.home, '.aws', 'config')).isSymbolicLink(), 'still a symlink');
    assert.equal(readlinkSync(join(r.home, '.aws', 'config')), '../dotfiles/aws-config');
    assert.equal(readFileSync(target, 'utf8'), CONFIG.replace('region = eu-west-2', 'region = ap-south-1'));
    assert.deepEqual(readdirSync(join(r.home, 'dotfiles')), ['aws-config'], 'no temp file left beside the target');
  } finally {
    await r.close();
  }
});

test('HOME and AWS_CONFIG_FILE with spaces and non-ASCII characters', async () => {
  const r = await startRig();
  try {
    const home = join(r.home, 'home with spaces', 'ünïcødé 😀 $HOME `x`');
    writeProfiles(home);
    const env = { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' };
    const first = await spawnCli(['process', '--profile', 'dev'], home, env);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    const cached = await spawnCli(['process', '--profile', 'dev'], home, env);
    assert.equal(cached.stdout, first.stdout, 'the second run is served from the cache under that HOME');
    assert.equal(r.aws.sts.calls.length, 1);
    assert.equal(readdirSync(join(home, '.aws', 'cli', 'cache')).length, 1);
    // The config elsewhere, named by AWS_CONFIG_FILE with the same kind of characters.
    const configFile = join(r.home, 'конфиг dir', 'my config ✓.ini');
    mkdirSync(join(r.home, 'конфиг dir'));
    writeFileSync(configFile, CONFIG.replace('eu-west-2', 'sa-east-1'));
    const withFile = { ...env, AWS_CONFIG_FILE: configFile };
    const set = await spawnCli(['configure', 'set', 'output', 'json', '--profile', 'dev'], home, withFile);
    assert.equal(set.code, 0, set.stderr);
    assert.match(readFileSync(configFile, 'utf8'), /region = sa-east-1\noutput = json\n/);
    const region = await spawnCli(['env', '--profile', 'dev', '--format', 'json'], home, withFile);
    assert.equal(region.code, 0, region.stderr);
    assert.equal(JSON.parse(region.stdout).AWS_REGION, 'sa-east-1');
    assert.equal(readFileSync(join(home, '.aws', 'config'), 'utf8'), CONFIG, 'the file under HOME was not touched');
  } finally {
    await r.close();
  }
});
