import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOverlayFileSystem, virtualPath } from '../conformance/replay/overlay-fs.ts';

function caseRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'awsctl-overlay-'));
  mkdirSync(join(root, 'home', '.aws'), { recursive: true });
  writeFileSync(join(root, 'home', '.aws', 'config'), '[default]\nregion = eu-west-1\n');
  writeFileSync(join(root, 'token.jwt'), 'jwt-text');
  return root;
}

test('reads the mounted directory as the root of the disk; missing files are undefined', (t) => {
  const root = caseRoot();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const fs = createOverlayFileSystem(root);
  assert.equal(fs.readFile('/home/.aws/config')?.toString(), '[default]\nregion = eu-west-1\n');
  assert.equal(fs.readFile('/token.jwt')?.toString(), 'jwt-text');
  assert.equal(fs.readFile('/home/.aws/credentials'), undefined);
  assert.equal(fs.stat('/home/.aws')?.isDirectory, true);
  assert.equal(fs.stat('/home/.aws/config')?.isFile, true);
  assert.throws(() => fs.readFile('/home/.aws'), /EISDIR/);
  assert.deepEqual(fs.readdir('/home/.aws'), ['config']);
});

test('paths cannot climb out of the mounted directory', (t) => {
  const root = caseRoot();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const fs = createOverlayFileSystem(join(root, 'home'));
  assert.equal(virtualPath('/../../token.jwt'), '/token.jwt');
  // /token.jwt is outside the mount (it lives in the parent of `home`), so it does not exist.
  assert.equal(fs.readFile('/../token.jwt'), undefined);
  assert.equal(fs.readFile('/.aws/../.aws/config')?.toString().startsWith('[default]'), true);
});

test('writes stay in memory and never reach the mounted directory', (t) => {
  const root = caseRoot();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const fs = createOverlayFileSystem(root);
  assert.throws(() => fs.writeFileAtomic('/home/.aws/cli/cache/x.json', '{}'), /ENOENT/, 'the folder must exist first, as on a real disk');
  fs.mkdirp('/home/.aws/cli/cache');
  fs.writeFileAtomic('/home/.aws/cli/cache/x.json', '{"a":1}');
  fs.writeFileAtomic('/home/.aws/config', '[changed]\n');
  assert.equal(fs.readFile('/home/.aws/cli/cache/x.json')?.toString(), '{"a":1}');
  assert.equal(fs.readFile('/home/.aws/config')?.toString(), '[changed]\n');
  assert.equal(readFileSync(join(root, 'home', '.aws', 'config'), 'utf8'), '[default]\nregion = eu-west-1\n');
  assert.deepEqual(readdirSync(join(root, 'home', '.aws')), ['config']);
  assert.deepEqual(fs.readdir('/home/.aws'), ['cli', 'config']);
  assert.deepEqual(fs.writes, ['/home/.aws/cli/cache/x.json', '/home/.aws/config']);
  assert.equal(fs.written('/home/.aws/cli/cache/x.json')?.toString(), '{"a":1}');
});

test('removing a mounted file hides it without deleting it', (t) => {
  const root = caseRoot();
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const fs = createOverlayFileSystem(root);
  fs.remove('/token.jwt');
  assert.equal(fs.readFile('/token.jwt'), undefined);
  assert.equal(fs.stat('/token.jwt'), undefined);
  assert.ok(!fs.readdir('/').includes('token.jwt'));
  assert.equal(readFileSync(join(root, 'token.jwt'), 'utf8'), 'jwt-text');
  assert.throws(() => fs.realpath('/token.jwt'), /ENOENT/);
});

test('a case without fs/ is an empty disk that still accepts writes', () => {
  const fs = createOverlayFileSystem(undefined);
  assert.equal(fs.readFile('/home/.aws/config'), undefined);
  assert.deepEqual(fs.readdir('/'), []);
  fs.mkdirp('/tmp');
  fs.writeFileAtomic('/tmp/a', 'x');
  assert.deepEqual(fs.readdir('/'), ['tmp']);
  assert.equal(fs.realpath('/tmp/../tmp/a'), '/tmp/a');
});
