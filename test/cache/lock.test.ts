// The cross-process lock, with real processes: a cold-cache stampede of 24 awsctl-like
// children must produce exactly once; a holder killed with SIGKILL must not block the rest;
// stale and foreign lock files; the timeout error a person reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, tempDir, type RunningProcess } from '../helpers/cli.ts';
import { getOrRefresh, isStale, lockPathFor, withLock } from '../../src/cache/lock.ts';
import { AwsctlError } from '../../src/errors.ts';

const childScript = fileURLToPath(new URL('./lock-child.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startChild(dir: string, produceMs: number): RunningProcess {
  return startProcess([process.execPath, childScript, dir, String(produceMs)], { env: { ...process.env } as Record<string, string>, timeoutMs: 60_000 });
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function readyCount(dir: string): number {
  return fs.readdirSync(dir).filter((n) => n.startsWith('ready-')).length;
}

function producers(dir: string): string[] {
  const log = join(dir, 'produced.log');
  return fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

test('stampede: 24 processes on a cold cache produce exactly once and all get the value', { timeout: 60_000 }, async (t) => {
  const dir = tempDir('awsctl-lock-');
  const children = Array.from({ length: 24 }, () => startChild(dir, 200));
  await waitFor(() => readyCount(dir) === 24, 30_000, 'all children to start');
  const go = Date.now();
  fs.writeFileSync(join(dir, 'go'), '');
  const results = await Promise.all(children.map((c) => c.done));
  const elapsed = Date.now() - go;
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const outputs = results.map((r) => JSON.parse(r.stdout) as { value: string; pid: number; hit: boolean });
  const made = producers(dir);
  assert.equal(made.length, 1, `produce ran ${made.length} times`);
  assert.deepEqual(new Set(outputs.map((o) => o.value)), new Set([`value-from-${made[0]}`]));
  assert.equal(fs.existsSync(lockPathFor(join(dir, 'entry.json'))), false, 'lock released');
  assert.deepEqual(
    fs.readdirSync(dir).filter((n) => n.includes('.lock') || n.endsWith('.tmp')),
    [],
  );
  const waited = outputs.filter((o) => !o.hit).length;
  t.diagnostic(`stampede: 24 processes, 1 produce, ${waited} went through the lock, ${24 - waited} read the cache first, ${elapsed} ms from go to last exit`);
});

test('a holder killed with SIGKILL mid-produce does not block the others', { timeout: 60_000 }, async (t) => {
  const dir = tempDir('awsctl-lock-');
  const first = startChild(dir, 30_000); // would hold the lock for 30 s
  await waitFor(() => readyCount(dir) === 1, 20_000, 'the first child to start');
  fs.writeFileSync(join(dir, 'go'), '');
  await waitFor(() => producers(dir).length === 1, 20_000, 'the first child to start producing');
  const others = Array.from({ length: 8 }, () => startChild(dir, 100));
  await waitFor(() => readyCount(dir) === 9, 30_000, 'the waiters to start');
  await sleep(300); // let them queue on the lock
  const killedAt = Date.now();
  first.child.kill('SIGKILL');
  const results = await Promise.all(others.map((c) => c.done));
  const recovered = Date.now() - killedAt;
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const values = new Set(results.map((r) => (JSON.parse(r.stdout) as { value: string }).value));
  const made = producers(dir);
  assert.equal(made.length, 2, 'the killed holder and exactly one successor produced');
  assert.equal(made[0], String(first.child.pid));
  assert.deepEqual(values, new Set([`value-from-${made[1]}`]));
  t.diagnostic(`kill -9 of the holder: 8 waiters done ${recovered} ms after the kill`);
  assert.equal((await first.done).signal, 'SIGKILL');
});

test('withLock: lock file 0600 with owner, heartbeat moves mtime, released afterwards', async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'sub', 'k.lock');
  await withLock(
    lock,
    async () => {
      const owner = JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid: number; hostname: string; startedAt: string };
      assert.equal(owner.pid, process.pid);
      assert.equal(owner.hostname, hostname());
      assert.ok(!Number.isNaN(Date.parse(owner.startedAt)));
      assert.equal(fs.statSync(lock).mode & 0o777, 0o600);
      assert.equal(fs.statSync(join(dir, 'sub')).mode & 0o777, 0o700);
      const before = fs.statSync(lock).mtimeMs;
      await sleep(450);
      assert.ok(fs.statSync(lock).mtimeMs > before, 'heartbeat touched the lock');
    },
    { heartbeatMs: 100 },
  );
  assert.equal(fs.existsSync(lock), false);
  assert.deepEqual(fs.readdirSync(join(dir, 'sub')), []);
});

test('withLock releases the lock when fn throws, and passes the error on', async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'k.lock');
  await assert.rejects(
    withLock(lock, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(fs.existsSync(lock), false);
});

test('a lock held by a live process times out with a clear error', async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'k.lock');
  let waitedFor: unknown;
  await withLock(lock, async () => {
    const started = Date.now();
    await assert.rejects(
      withLock(lock, async () => 'never', { timeoutMs: 300, onWait: (o) => (waitedFor = o?.pid) }),
      (e: unknown) => {
        assert.ok(e instanceof AwsctlError);
        assert.match(
          e.message,
          new RegExp(
            `^waiting for the cache lock ${lock.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: another awsctl \\(pid ${process.pid} on .+, since .+\\) still holds it after 0 s — .*delete`,
          ),
        );
        return true;
      },
    );
    assert.ok(Date.now() - started >= 300);
  });
  assert.equal(waitedFor, process.pid);
});

test('stale locks are broken: dead pid at once, other host by age, empty file by age', async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'k.lock');
  const deadPid = await new Promise<number>((resolve) => {
    const c = spawn(process.execPath, ['-e', '0']);
    c.once('exit', () => resolve(c.pid!));
  });
  const cases: Array<{ name: string; content: string; ageMs: number }> = [
    { name: 'dead pid on this host', content: JSON.stringify({ pid: deadPid, hostname: hostname(), startedAt: 'x', token: 't1' }), ageMs: 0 },
    {
      name: 'other host, no heartbeat for 10 s',
      content: JSON.stringify({ pid: process.pid, hostname: 'elsewhere', startedAt: 'x', token: 't2' }),
      ageMs: 10_000,
    },
    { name: 'empty file, old', content: '', ageMs: 10_000 },
  ];
  for (const c of cases) {
    fs.writeFileSync(lock, c.content);
    const old = new Date(Date.now() - c.ageMs);
    fs.utimesSync(lock, old, old);
    // A lock not judged stale would be waited for, and time out.
    let waited = false;
    assert.equal(await withLock(lock, async () => 'got it', { timeoutMs: 2_000, onWait: () => (waited = true) }), 'got it', c.name);
    assert.equal(waited, false, `${c.name}: broken on the first look, not waited for`);
    assert.deepEqual(fs.readdirSync(dir), [], c.name);
  }
});

test('a fresh lock from another host is respected', async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'k.lock');
  fs.writeFileSync(lock, JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: 'x', token: 't' }));
  await assert.rejects(
    withLock(lock, async () => 'stolen', { timeoutMs: 400, staleMs: 3_000 }),
    AwsctlError,
  );
  assert.equal(fs.existsSync(lock), true);
});

test('isStale rules', () => {
  const now = Date.now();
  const me = { pid: process.pid, hostname: hostname(), startedAt: '', token: 'a' };
  assert.equal(isStale({ owner: me, mtimeMs: now - 10_000 }, now), false, 'live owner here: heartbeat gap under 30 s tolerated');
  assert.equal(isStale({ owner: me, mtimeMs: now - 31_000 }, now), true);
  const remote = { ...me, hostname: 'elsewhere' };
  assert.equal(isStale({ owner: remote, mtimeMs: now - 1_000 }, now), false);
  assert.equal(isStale({ owner: remote, mtimeMs: now - 3_500 }, now), true);
  assert.equal(isStale({ owner: undefined, mtimeMs: now - 3_500 }, now, { staleMs: 5_000 }), false);
});

test('getOrRefresh: hit skips the lock; miss produces and writes; a failed write is reported or rethrown', async () => {
  const dir = tempDir('awsctl-lock-');
  const lockPath = join(dir, 'e.lock');
  let stored: string | undefined;
  let produced = 0;
  const spec = {
    read: () => stored,
    produce: async () => `v${++produced}`,
    write: (v: string) => {
      stored = v;
    },
    lockPath,
  };
  assert.equal(await getOrRefresh(spec), 'v1');
  assert.equal(await getOrRefresh(spec), 'v1');
  assert.equal(produced, 1);
  const failingWrite = {
    ...spec,
    read: () => undefined,
    write: () => {
      throw new Error('disk full');
    },
  };
  await assert.rejects(getOrRefresh(failingWrite), /disk full/);
  const reported: unknown[] = [];
  assert.equal(await getOrRefresh({ ...failingWrite, onWriteError: (e) => reported.push(e) }), 'v3');
  assert.equal(reported.length, 1);
  assert.equal(fs.existsSync(lockPath), false);
});

test("a holder whose lock was broken and re-taken by another leaves the new owner's lock in place", async () => {
  const dir = tempDir('awsctl-lock-');
  const lock = join(dir, 'k.lock');
  const newOwner = JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: 'later', token: 'the-new-owner' });
  assert.equal(
    await withLock(lock, async () => {
      // While we run, a waiter judged us dead, broke the lock, and another process took it.
      fs.rmSync(lock);
      fs.writeFileSync(lock, newOwner, { mode: 0o600 });
      return 'done';
    }),
    'done',
  );
  assert.equal(fs.readFileSync(lock, 'utf8'), newOwner, 'release removed a lock it no longer owned');
  assert.deepEqual(fs.readdirSync(dir), ['k.lock']);
});
