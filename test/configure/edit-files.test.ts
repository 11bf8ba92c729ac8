// editProfileFiles: the lock, the re-read inside it, all-or-nothing across both files, no
// write without a change, and cleanup of a killed lock-taker's leftovers.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { withLock } from '../../src/cache/lock.ts';
import { setProperty, unsetProperty } from '../../src/ini/edit.ts';
import { editProfileFiles, lockPathForProfileFile } from '../../src/profile/edit-files.ts';
import { AwsctlError } from '../../src/errors.ts';
import { tempHome } from '../helpers/cli.ts';
import { testContext } from '../helpers/context.ts';

const config = { file: 'config', type: 'profile', name: 'default' } as const;
const credentials = { file: 'credentials', type: 'profile', name: 'default' } as const;

test('the lock file is a hidden sibling of the file as named', () => {
  assert.equal(lockPathForProfileFile('/home/me/.aws/config'), '/home/me/.aws/.config.awsctl-lock');
  assert.equal(lockPathForProfileFile('/etc/x/my.ini'), '/etc/x/.my.ini.awsctl-lock');
});

test('the file is re-read inside the lock: a value removed meanwhile is not resurrected', async () => {
  const home = tempHome({ '.aws/config': '[default]\na = 1\nb = 2\n' });
  const path = join(home, '.aws', 'config');
  const ctx = testContext({ home });
  let editing: Promise<unknown> | undefined;
  await withLock(lockPathForProfileFile(path), async () => {
    editing = editProfileFiles(ctx, { config: (doc) => setProperty(doc, config, 'c', '3') }, { lock: { pollMs: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Another process, holding the lock, removes b.
    writeFileSync(path, '[default]\na = 1\n');
  });
  await editing;
  assert.equal(readFileSync(path, 'utf8'), '[default]\na = 1\nc = 3\n');
});

test('both files are computed before either is written: a refused second edit leaves the first file alone', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = x\n', '.aws/credentials': '[default]\naws_access_key_id = A\n' });
  const ctx = testContext({ home });
  await assert.rejects(
    editProfileFiles(ctx, {
      config: (doc) => setProperty(doc, config, 'region', 'y'),
      credentials: () => {
        throw new AwsctlError('refused', 'test');
      },
    }),
    /refused: test/,
  );
  assert.equal(readFileSync(join(home, '.aws', 'config'), 'utf8'), '[default]\nregion = x\n');
});

test('reports changed/created, and writes nothing (creates nothing) when the bytes are the same', async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = x\n' });
  const ctx = testContext({ home });
  const configPath = join(home, '.aws', 'config');
  const inode = statSync(configPath).ino;
  const same = await editProfileFiles(ctx, {
    config: (doc) => setProperty(doc, config, 'region', 'x'),
    credentials: (doc) => unsetProperty(doc, credentials, 'aws_session_token'),
  });
  assert.deepEqual(
    [same.config, same.credentials],
    [
      { path: configPath, changed: false, created: false },
      { path: join(home, '.aws', 'credentials'), changed: false, created: false },
    ],
  );
  assert.equal(statSync(configPath).ino, inode);
  assert.equal(existsSync(join(home, '.aws', 'credentials')), false);
  const made = await editProfileFiles(ctx, { credentials: (doc) => setProperty(doc, credentials, 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE') });
  assert.deepEqual(made.credentials, { path: join(home, '.aws', 'credentials'), changed: true, created: true });
});

test('a broken file is refused with file:line before the edit runs', async () => {
  const home = tempHome({ '.aws/config': '[default]\n  orphan\n' });
  const ctx = testContext({ home });
  let ran = false;
  await assert.rejects(
    editProfileFiles(ctx, { config: (doc) => ((ran = true), doc) }),
    (error: AwsctlError) =>
      error.message ===
      `invalid AWS config file: ${home}/.aws/config:2: indented line does not follow a setting, so it continues nothing — fix or remove that line; awsctl does not guess what it means`,
  );
  assert.equal(ran, false);
});

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE naming one file is refused for two-file edits', async () => {
  const home = tempHome();
  const same = join(home, 'both');
  const ctx = testContext({ home, env: { AWS_CONFIG_FILE: same, AWS_SHARED_CREDENTIALS_FILE: same } });
  await assert.rejects(editProfileFiles(ctx, { config: (d) => d, credentials: (d) => d }), /name the same file/);
});

test('a lock-taker killed mid-way leaves temp files; old ones are cleaned by the next edit, fresh ones kept', async () => {
  const home = tempHome({ '.aws/config': '[default]\n' });
  const folder = join(home, '.aws');
  const old = join(folder, '.config.awsctl-lock.0123456789abcdef.tmp');
  const fresh = join(folder, '.config.awsctl-lock.fedcba9876543210.tmp');
  writeFileSync(old, '{}');
  writeFileSync(fresh, '{}');
  const longAgo = new Date(Date.now() - 3600_000);
  utimesSync(old, longAgo, longAgo);
  const ctx = testContext({ home });
  await editProfileFiles(ctx, { config: (doc) => setProperty(doc, config, 'region', 'z') });
  assert.deepEqual(readdirSync(folder).sort(), ['.config.awsctl-lock.fedcba9876543210.tmp', 'config']);
  assert.ok(existsSync(fresh));
});
