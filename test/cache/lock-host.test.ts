// The lock through its host seam: files, clock, sleeping and processes are all fakes here, so
// the decisions (break a dead owner's lock, wait for a live one, time out) are checked without
// real time passing or real processes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withLock } from '../../src/cache/lock.ts';
import type { LockHost } from '../../src/io/lock-host.ts';

function fakeHost(options: { alive: Set<number> }) {
  const files = new Map<string, { text: string; mtimeMs: number }>();
  let now = 1_000_000;
  const enoent = () => Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  const eexist = () => Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
  let sleeps = 0;
  const host: LockHost = {
    pid: 100,
    hostname: 'here',
    isAlive: (pid) => options.alive.has(pid),
    nowMs: () => now,
    sleep: async (ms) => {
      sleeps++;
      now += ms;
    },
    random: () => 0.5,
    randomHex: (bytes) => 'ab'.repeat(bytes),
    writeNew(path, text, { exclusive }) {
      if (exclusive && files.has(path)) throw eexist();
      files.set(path, { text, mtimeMs: now });
    },
    link(existing, path) {
      const file = files.get(existing);
      if (!file) throw enoent();
      if (files.has(path)) throw eexist();
      files.set(path, { ...file });
    },
    rename(from, to) {
      const file = files.get(from);
      if (!file) throw enoent();
      files.delete(from);
      files.set(to, file);
    },
    remove: (path) => void files.delete(path),
    read(path) {
      const file = files.get(path);
      if (!file) throw enoent();
      return file;
    },
    touch(path) {
      const file = files.get(path);
      if (file) file.mtimeMs = now;
    },
    mkdirp: () => {},
  };
  return { host, files, sleeps: () => sleeps, advance: (ms: number) => (now += ms) };
}

const owner = (pid: number, hostname = 'here') => JSON.stringify({ pid, hostname, startedAt: 'then', token: `t${pid}` });

test('a lock left by a dead process on this host is broken at once, and released after use', async () => {
  const fake = fakeHost({ alive: new Set() });
  fake.files.set('/c/entry.lock', { text: owner(4242), mtimeMs: 1_000_000 });
  const result = await withLock('/c/entry.lock', async () => 'ran', { host: fake.host });
  assert.equal(result, 'ran');
  assert.equal(fake.sleeps(), 0);
  assert.deepEqual([...fake.files.keys()], []);
});

test('a live owner with a fresh heartbeat is waited for, then the wait times out on the host clock and names the owner', async () => {
  const fake = fakeHost({ alive: new Set([4242]) });
  fake.files.set('/c/entry.lock', { text: owner(4242), mtimeMs: 1_000_000 });
  let ran = false;
  let waited = 0;
  const lock = withLock('/c/entry.lock', async () => (ran = true), { host: fake.host, timeoutMs: 2_000, pollMs: 100, onWait: () => waited++ });
  await assert.rejects(lock, /pid 4242 on here.*still holds it after 2 s/);
  assert.equal(ran, false);
  assert.equal(waited, 1);
  assert.ok(fake.sleeps() >= 10, `slept ${fake.sleeps()} times`);
  assert.equal(fake.files.get('/c/entry.lock')?.text, owner(4242), 'the live owner keeps its lock');
});

test("another host's lock is broken only once its heartbeat is older than staleMs", async () => {
  const fake = fakeHost({ alive: new Set() });
  fake.files.set('/c/entry.lock', { text: owner(7, 'elsewhere'), mtimeMs: 1_000_000 });
  const result = await withLock('/c/entry.lock', async () => 'after', { host: fake.host, staleMs: 3_000, pollMs: 500 });
  assert.equal(result, 'after');
  const waited = fake.host.nowMs() - 1_000_000;
  assert.ok(waited > 3_000 && waited < 4_000, `broke it after ${waited} ms of host time`);
});

test('release leaves a lock that another process took over after ours was broken', async () => {
  const fake = fakeHost({ alive: new Set() });
  await withLock(
    '/c/entry.lock',
    async () => {
      fake.files.set('/c/entry.lock', { text: owner(9), mtimeMs: 0 });
    },
    { host: fake.host },
  );
  assert.equal(fake.files.get('/c/entry.lock')?.text, owner(9));
});
