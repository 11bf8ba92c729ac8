// A signal reaches the command under `awsctl exec` exactly once (issue 21, item 3): a Ctrl-C typed
// into a real terminal reaches it by itself (same foreground process group), so awsctl must not
// pass it on again (terraform reads two interrupts as "exit now"); `kill -TERM <awsctl>` and a
// `kill -INT <awsctl>` when awsctl is not in a terminal's foreground still reach it, once.
// The command counts what it receives and writes the counts to a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand, cleanEnv, repoRoot, tempHome } from '../helpers/cli.ts';

const CREDENTIALS = '[default]\naws_access_key_id = AKIASIGNALS000000001\naws_secret_access_key = signals-secret\n';
const PTY_RUN = join(repoRoot, 'test', 'resolve', 'pty-run.py');
const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import pty, select'], { stdio: 'ignore' }).status === 0);

/** Counts SIGINT and SIGTERM; from the first one, waits a while for a second, then records and exits 0. */
const COUNTER = `
const fs = require('node:fs');
const [ready, counts] = process.argv.slice(1);
const seen = { SIGINT: 0, SIGTERM: 0 };
let ending;
for (const signal of Object.keys(seen)) process.on(signal, () => {
  seen[signal]++;
  ending ??= setTimeout(() => { fs.writeFileSync(counts, JSON.stringify(seen)); process.exit(0); }, 1500);
});
setInterval(() => {}, 1000);
fs.writeFileSync(ready, 'ready');`;

function setup() {
  const home = tempHome({ '.aws/credentials': CREDENTIALS });
  chmodSync(join(home, '.aws', 'credentials'), 0o600);
  const ready = join(home, 'ready');
  const counts = join(home, 'counts.json');
  const argv = [...awsctlCommand, 'exec', '--', process.execPath, '-e', COUNTER, ready, counts];
  return { home, ready, counts, argv };
}

function underPty(mode: 'ctrl-c' | 'kill-term' | 'kill-int') {
  const { home, ready, counts, argv } = setup();
  const r = spawnSync(python!, [PTY_RUN, mode, ready, ...argv], { env: cleanEnv(home, { TERM: 'dumb' }), cwd: home, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `pty runner: ${r.stderr}`);
  const result = JSON.parse(r.stdout) as { status: number; output: string };
  assert.equal(existsSync(counts), true, `the command recorded nothing (awsctl ended ${result.status}): ${result.output}`);
  return { status: result.status, output: result.output, seen: JSON.parse(readFileSync(counts, 'utf8')) as { SIGINT: number; SIGTERM: number } };
}

const noPty = python ? false : 'needs python3 with the pty module';

test('one Ctrl-C in a real terminal reaches the command once, not twice', { skip: noPty }, () => {
  const r = underPty('ctrl-c');
  assert.deepEqual(r.seen, { SIGINT: 1, SIGTERM: 0 }, r.output);
  assert.equal(r.status, 0, "awsctl exits with the command's status");
});

test('kill -TERM <awsctl> in a terminal reaches the command once', { skip: noPty }, () => {
  const r = underPty('kill-term');
  assert.deepEqual(r.seen, { SIGINT: 0, SIGTERM: 1 }, r.output);
  assert.equal(r.status, 0);
});

test('kill -INT <awsctl> outside a terminal (no one else signals the command) reaches it once', async () => {
  const { home, ready, counts, argv } = setup();
  const [cmd, ...pre] = argv;
  const child = spawn(cmd!, pre, { env: cleanEnv(home), cwd: home, stdio: 'ignore', detached: true }); // a session of its own: no terminal
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  while (!existsSync(ready)) {
    assert.equal(child.exitCode, null, 'awsctl ended before the command was ready');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGINT');
  assert.equal(await closed, 0);
  clearTimeout(timer);
  assert.deepEqual(JSON.parse(readFileSync(counts, 'utf8')), { SIGINT: 1, SIGTERM: 0 });
});

test("where awsctl stands: its process group and the terminal's foreground group, from /proc", async () => {
  const { groupsFromProcStat, shouldForward } = await import('../../src/io/run-inherited.ts');
  assert.deepEqual(groupsFromProcStat('4242 (node) S 4000 4242 4000 34816 4242 4194560 1 0'), { pgrp: 4242, foreground: 4242 });
  assert.deepEqual(
    groupsFromProcStat('4242 (a) b (c) S 4000 4100 4000 0 -1 4194560'),
    { pgrp: 4100, foreground: -1 },
    'a command name with spaces and parentheses; no terminal',
  );
  assert.equal(groupsFromProcStat('garbage'), undefined);
  assert.equal(
    shouldForward('SIGINT', () => true),
    false,
    'the terminal sent it to the command too',
  );
  assert.equal(
    shouldForward('SIGINT', () => false),
    true,
  );
  assert.equal(
    shouldForward('SIGTERM', () => true),
    true,
    'a terminal never sends TERM: someone sent it to awsctl alone',
  );
});
