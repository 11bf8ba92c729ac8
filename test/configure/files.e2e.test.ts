// How configure writes files: through a dotfile manager's symlink (link kept, target edited,
// no lock or temp files beside the target), file modes kept (0640 stays 0640), new files 0600
// and a new ~/.aws 0700, no write at all when nothing changes, and ten processes editing the
// same file at once all landing.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseIni } from '../../src/ini/parse.ts';
import { runCli, tempDir, tempHome } from '../helpers/cli.ts';

const mode = (path: string): number => statSync(path).mode & 0o777;

test('a symlinked config is written through: the link stays, the target changes, nothing lands beside the target', async () => {
  const home = tempHome();
  const dotfiles = tempDir('awsctl-dotfiles-');
  const target = join(dotfiles, 'aws-config');
  writeFileSync(target, '# managed by dotfiles\n[default]\nregion = us-east-1\n', { mode: 0o644 });
  chmodSync(target, 0o644);
  mkdirSync(join(home, '.aws'), { mode: 0o700 });
  symlinkSync(target, join(home, '.aws', 'config'));
  const result = await runCli(['configure', 'set', 'region', 'eu-north-1'], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.ok(lstatSync(join(home, '.aws', 'config')).isSymbolicLink());
  assert.equal(readlinkSync(join(home, '.aws', 'config')), target);
  assert.equal(readFileSync(target, 'utf8'), '# managed by dotfiles\n[default]\nregion = eu-north-1\n');
  assert.equal(mode(target), 0o644);
  assert.deepEqual(readdirSync(dotfiles), ['aws-config']);
  assert.deepEqual(readdirSync(join(home, '.aws')), ['config'], 'the lock is gone after the edit');
});

test('an existing file keeps its mode; a new credentials file is 0600 and a new ~/.aws 0700', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = us-east-1\n' });
  chmodSync(join(home, '.aws', 'config'), 0o640);
  assert.equal((await runCli(['configure', 'set', 'output', 'json'], { home })).code, 0);
  assert.equal(mode(join(home, '.aws', 'config')), 0o640);

  const fresh = tempHome();
  const result = await runCli(['configure', 'set', 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE'], { home: fresh });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(mode(join(fresh, '.aws')), 0o700);
  assert.equal(mode(join(fresh, '.aws', 'credentials')), 0o600);
  assert.equal(readFileSync(join(fresh, '.aws', 'credentials'), 'utf8'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
  assert.deepEqual(readdirSync(join(fresh, '.aws')), ['credentials'], 'no config file created for a secret');
});

test('AWS_CONFIG_FILE elsewhere: the lock sits beside that file, hidden, and is removed', async () => {
  const home = tempHome();
  const folder = tempDir('awsctl-cfg-');
  const config = join(folder, 'my.ini');
  const result = await runCli(['configure', 'set', 'region', 'us-west-2', '--profile', 'x'], { home, env: { AWS_CONFIG_FILE: config } });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readFileSync(config, 'utf8'), '[profile x]\nregion = us-west-2\n');
  assert.deepEqual(readdirSync(folder), ['my.ini']);
  assert.deepEqual(readdirSync(home), [], 'nothing written under HOME');
});

test('setting a value to what it already is does not rewrite the file', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = us-east-1\n' });
  const path = join(home, '.aws', 'config');
  const before = statSync(path);
  const result = await runCli(['configure', 'set', 'region', 'us-east-1'], { home });
  assert.equal(result.code, 0);
  const after = statSync(path);
  assert.equal(after.ino, before.ino, 'an atomic write would have replaced the inode');
  assert.equal(after.mtimeMs, before.mtimeMs);
});

test('ten `configure set` processes at once: every key lands, the file parses', async () => {
  const home = tempHome({ '.aws/config': '# shared\n[default]\nregion = us-east-1\n' });
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => runCli(['configure', 'set', `key_${i}`, `v${i}`], { home, timeoutMs: 60_000 })));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(join(home, '.aws', 'config'), 'utf8');
  assert.equal(parseIni(text).errors.length, 0);
  assert.ok(text.startsWith('# shared\n[default]\nregion = us-east-1\n'));
  for (let i = 0; i < 10; i++) assert.match(text, new RegExp(`^key_${i} = v${i}$`, 'm'));
  assert.equal(text.split('\n').length, 3 + 10 + 1);
  assert.deepEqual(readdirSync(join(home, '.aws')), ['config'], 'no lock or temp file left');
});

test('values and names that would break the file are refused with a clear one-line message', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = us-east-1\n' });
  const cases: Array<[string[], RegExp]> = [
    [['region', 'a\nb'], /invalid value: it contains a line break/],
    [['region', 'x', '--profile', 'a]b'], /invalid section name: 'a\]b' contains '\[' or '\]'/],
    [['region', 'x', '--profile', '[a'], /invalid section name/],
    [['bad key', 'x'], /invalid setting name: 'bad key' is not a name the AWS SDKs accept/],
    [['sso-session.a]b.sso_region', 'x'], /invalid section name/],
    [['region', ' padded'], /starts or ends with whitespace/],
    [['region', 'x # y'], /read as a comment/],
    [['a.b.c', 'x'], /invalid setting name 'a.b.c'/],
    [['region'], /no value given for 'region': only secrets .* are asked for/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(['configure', 'set', ...args], { home });
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
  }
  assert.equal(readFileSync(join(home, '.aws', 'config'), 'utf8'), '[default]\nregion = us-east-1\n');
});

test('a file with a line the SDKs reject is not edited; the error names file:line', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = us-east-1\n[profile broken\n' });
  const result = await runCli(['configure', 'set', 'output', 'json'], { home });
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    `awsctl: invalid AWS config file: ${home}/.aws/config:3: section header has no closing ']' — fix or remove that line; awsctl does not guess what it means\n`,
  );
  assert.equal(readFileSync(join(home, '.aws', 'config'), 'utf8'), '[default]\nregion = us-east-1\n[profile broken\n');
});
