// loadProfileFiles through a fake file system: each file read once, missing files empty, and
// every kind of bad file a one-line AwsctlError naming the file (never a stack trace).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsctlError } from '../../src/errors.ts';
import type { FileStat, FileSystem } from '../../src/io/context.ts';
import { loadProfileFiles, MAX_PROFILE_FILE_BYTES } from '../../src/profile/load.ts';
import { getValue } from '../../src/profile/model.ts';

type Entry = Buffer | 'dir' | { error: string } | { size: number };

function fakeFs(files: Record<string, Entry>, reads: string[]): FileSystem {
  const fail = (code: string): never => {
    throw Object.assign(new Error(`${code}: operation failed, open '/secret/path'\n    at stack`), { code });
  };
  const stat = (path: string): FileStat | undefined => {
    const entry = files[path];
    if (entry === undefined) return undefined;
    const size = Buffer.isBuffer(entry) ? entry.length : typeof entry === 'object' && 'size' in entry ? entry.size : 0;
    return { isFile: entry !== 'dir', isDirectory: entry === 'dir', mode: 0o600, size, mtimeMs: 0 };
  };
  return {
    stat,
    readFile(path) {
      reads.push(path);
      const entry = files[path];
      if (entry === undefined) return undefined;
      if (entry === 'dir') return fail('EISDIR');
      if (!Buffer.isBuffer(entry)) return 'error' in entry ? fail(entry.error) : Buffer.alloc(entry.size, 0x61);
      return entry;
    },
    writeFileAtomic: () => assert.fail('the loader must not write'),
    mkdirp: () => assert.fail('the loader must not write'),
    remove: () => assert.fail('the loader must not write'),
    readdir: () => [],
    realpath: (p) => p,
  };
}

function context(files: Record<string, Entry>, env: Record<string, string> = { HOME: '/h' }) {
  const reads: string[] = [];
  return { reads, ctx: { env, platform: 'linux' as NodeJS.Platform, homedir: () => '/os-home', fs: fakeFs(files, reads) } };
}

test('reads both files once each and merges them', () => {
  const { ctx, reads } = context({
    '/h/.aws/config': Buffer.from('[profile a]\nregion = r\n'),
    '/h/.aws/credentials': Buffer.from('[a]\naws_access_key_id = K\n'),
  });
  const loaded = loadProfileFiles(ctx, { profileFlag: 'a' });
  assert.deepEqual(reads, ['/h/.aws/config', '/h/.aws/credentials']);
  assert.equal(getValue(loaded.set.profiles['a'], 'region'), 'r');
  assert.equal(getValue(loaded.set.profiles['a'], 'aws_access_key_id'), 'K');
  assert.equal(loaded.config.path, '/h/.aws/config');
  assert.equal(loaded.config.doc?.lines.length, 2);
  assert.equal(loaded.locations.profileName, 'a');
});

test('missing files are empty, not errors', () => {
  const { ctx } = context({});
  const loaded = loadProfileFiles(ctx);
  assert.deepEqual(Object.keys(loaded.set.profiles), []);
  assert.equal(loaded.config.doc, undefined);
  assert.equal(loaded.credentials.path, '/h/.aws/credentials');
});

test('with no home at all, nothing is read and nothing fails', () => {
  const reads: string[] = [];
  const ctx = { env: {}, platform: 'linux' as NodeJS.Platform, homedir: () => undefined, fs: fakeFs({}, reads) };
  const loaded = loadProfileFiles(ctx);
  assert.equal(loaded.config.path, undefined);
  assert.deepEqual(reads, []);
});

test('the runtime home is used when HOME is unset; AWS_CONFIG_FILE is honoured', () => {
  const { ctx } = context(
    { '/os-home/.aws/credentials': Buffer.from('[x]\na = 1'), '/elsewhere': Buffer.from('[profile y]\nb = 2') },
    { AWS_CONFIG_FILE: '/elsewhere' },
  );
  assert.deepEqual(Object.keys(loadProfileFiles(ctx).set.profiles).sort(), ['x', 'y']);
});

test('a BOM and CRLF are fine', () => {
  const { ctx } = context({ '/h/.aws/config': Buffer.from('\uFEFF[default]\r\nregion = r\r\n') });
  const loaded = loadProfileFiles(ctx);
  assert.equal(getValue(loaded.set.profiles['default'], 'region'), 'r');
  assert.equal(loaded.config.doc?.bom, true);
});

const BAD: Array<[string, Entry, RegExp]> = [
  ['a directory', 'dir', /is a directory/],
  ['permission denied', { error: 'EACCES' }, /permission denied/],
  ['NUL bytes', Buffer.from('[default]\n\0\0\0'), /NUL bytes/],
  ['invalid UTF-8', Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0xff, 0xfe, 0x41]), /UTF-8/],
  ['50 MB', { size: 50 * 1024 * 1024 }, /larger than/],
  ['an unterminated section header', Buffer.from('[default]\nregion = a\n[profile x\n'), /closing '\]'/],
  ['a line without =', Buffer.from('[default]\nregion\n'), /'name = value'/],
];

for (const [name, entry, why] of BAD) {
  test(`bad config file: ${name} → one-line AwsctlError naming the file`, () => {
    const { ctx } = context({ '/h/.aws/config': entry });
    assert.throws(
      () => loadProfileFiles(ctx),
      (e: unknown) =>
        isAwsctlError(e) &&
        e.exitCode === 1 &&
        e.file === '/h/.aws/config' &&
        e.message.includes('/h/.aws/config') &&
        why.test(e.message) &&
        !/[\r\n]/.test(e.message) &&
        !e.message.includes('at stack'),
    );
  });
}

test('the size limit is far above real files', () => {
  assert.ok(MAX_PROFILE_FILE_BYTES >= 16 * 1024 * 1024 && MAX_PROFILE_FILE_BYTES < 50 * 1024 * 1024);
});

test('a bad credentials file names the credentials file', () => {
  const { ctx } = context({ '/h/.aws/credentials': { error: 'EACCES' } });
  assert.throws(
    () => loadProfileFiles(ctx),
    (e: unknown) => isAwsctlError(e) && e.file === '/h/.aws/credentials' && /credentials file/.test(e.message),
  );
});
