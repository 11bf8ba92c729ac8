// The real ProcessRunner against real child processes: capture, stderr pass-through and tail,
// timeouts (SIGTERM, then SIGKILL), process-group kills, the stdout cap, no shell.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcessRunner, ProcessOutputTooLargeError, STDERR_TAIL_BYTES } from '../../src/io/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'awsctl-processes-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', ONLY_THIS: 'yes' };
const unix = process.platform !== 'win32';

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function sink(): { write(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  return { write: (chunk) => void chunks.push(chunk), text: () => Buffer.concat(chunks).toString() };
}

/** Running, as opposed to gone or a zombie (killed, waiting for a container's init to reap it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

test('captures stdout and the exit status, passes exactly the given environment', { skip: !unix }, async () => {
  const runner = createProcessRunner({ stderr: sink() });
  const result = await runner.run([script('env.sh', 'printf "%s|%s" "$ONLY_THIS" "${HOME-none}"; exit 3')], { env, timeoutMs: 10_000 });
  assert.deepEqual(result, { exitCode: 3, signal: null, stdout: 'yes|none', stderr: '', timedOut: false });
});

test('no shell: arguments reach the program verbatim, nothing in them runs', { skip: !unix }, async () => {
  const canary = join(dir, 'canary');
  const args = [`$(touch ${canary})`, '`touch x`', "'a b'", '*', '~', '$HOME', 'ü ñ 日本'];
  const result = await createProcessRunner().run([script('args.sh', 'for a in "$@"; do printf "%s\\0" "$a"; done'), ...args], { env, timeoutMs: 10_000 });
  assert.deepEqual(result.stdout.split('\0').slice(0, -1), args);
  assert.ok(!existsSync(canary));
});

test('stderr is passed through as it comes and its last 4 KB kept for error messages', { skip: !unix }, async () => {
  const out = sink();
  const runner = createProcessRunner({ stderr: out });
  const program = script('noisy.sh', 'i=0; while [ $i -lt 300 ]; do echo "line $i of the helper talking" >&2; i=$((i+1)); done; echo done >&2; echo ok');
  const result = await runner.run([program], { env, timeoutMs: 10_000, passStderr: true });
  assert.equal(result.stdout, 'ok\n');
  assert.ok(out.text().startsWith('line 0 of the helper'), 'the user saw the whole stderr');
  assert.ok(out.text().endsWith('done\n'));
  assert.ok(result.stderr.length <= STDERR_TAIL_BYTES && result.stderr.length > STDERR_TAIL_BYTES - 100);
  assert.ok(result.stderr.endsWith('line 299 of the helper talking\ndone\n'));
  const quiet = await createProcessRunner({ stderr: out }).run([program], { env, timeoutMs: 10_000 });
  assert.ok(quiet.stderr.endsWith('done\n'), 'without passStderr it is still captured');
});

// A helper that is never stopped would end on its own after 30 s with timedOut false, or never.
test('a hung helper is stopped at the timeout (SIGTERM)', { skip: !unix }, async () => {
  const result = await createProcessRunner({ hasTerminal: () => false }).run([script('hang.sh', 'exec sleep 30')], { env, timeoutMs: 300 });
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, 'SIGTERM');
});

test('a helper that ignores SIGTERM gets SIGKILL after the grace period', { skip: !unix }, async () => {
  const program = script('stubborn.sh', "trap '' TERM; echo started; while :; do sleep 0.1; done");
  const result = await createProcessRunner({ killGraceMs: 300, hasTerminal: () => false }).run([program], { env, timeoutMs: 300 });
  assert.equal(result.timedOut, true);
  assert.equal(result.signal, 'SIGKILL');
  assert.equal(result.stdout, 'started\n');
});

test('without a terminal the whole process group is stopped, grandchildren included', { skip: !unix }, async () => {
  const pidFile = join(dir, 'grandchild.pid');
  const program = script('family.sh', `sleep 30 & echo $! > '${pidFile}'; wait`);
  const result = await createProcessRunner({ hasTerminal: () => false }).run([program], { env, timeoutMs: 500 });
  assert.equal(result.timedOut, true);
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(!alive(grandchild), 'the background sleep was stopped with its parent');
});

test('with a terminal (same group) an orphan holding stdout open cannot keep the run waiting', { skip: !unix }, async () => {
  const pidFile = join(dir, 'orphan.pid');
  const program = script('orphan.sh', `sleep 30 & echo $! > '${pidFile}'; echo partial; exit 0`);
  const result = await createProcessRunner({ hasTerminal: () => true, killGraceMs: 200 }).run([program], { env, timeoutMs: 400 });
  assert.equal(result.timedOut, true, 'stdout never closed, so the helper counts as not finished');
  assert.equal(result.stdout, 'partial\n');
  process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
});

test('stdout beyond the cap stops the helper and rejects', { skip: !unix }, async () => {
  const runner = createProcessRunner({ stdoutLimitBytes: 64 * 1024, hasTerminal: () => false });
  await assert.rejects(
    runner.run(['yes', 'xxxxxxxxxxxxxxxx'], { env, timeoutMs: 10_000 }),
    (e: Error) => e instanceof ProcessOutputTooLargeError && /65536 bytes/.test(e.message),
  );
});

test('a missing program rejects with ENOENT; an empty argv is refused', async () => {
  const runner = createProcessRunner();
  await assert.rejects(runner.run([join(dir, 'does-not-exist')], { env, timeoutMs: 1000 }), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  await assert.rejects(runner.run([], { env, timeoutMs: 1000 }), /no command/);
});

test('shell mode runs the one command line through the shell', { skip: !unix }, async () => {
  const result = await createProcessRunner().run(['printf "%s" "$ONLY_THIS" | tr y Y'], { env, timeoutMs: 10_000, shell: true });
  assert.equal(result.stdout, 'Yes');
});
