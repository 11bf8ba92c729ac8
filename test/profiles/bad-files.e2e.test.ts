// Issue 2: bad profile files never produce a stack trace. Each read-only command meets a
// binary file, an unterminated section header, a 50 MB file, a folder where the file should
// be, an unreadable file and a missing file, and answers with one clear line (exit 1) or a
// correct empty result.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { awsctlCommand, cleanEnv, runCli, runProcess, tempHome } from '../helpers/cli.ts';
import type { RunResult } from '../helpers/cli.ts';

const COMMANDS: string[][] = [['profiles'], ['profiles', '--json'], ['configure', 'list'], ['configure', 'get', 'region'], ['configure', 'list-profiles']];

function assertOneLineError(result: RunResult, pattern: RegExp, label: string): void {
  assert.equal(result.code, 1, `${label}: ${result.stderr}`);
  assert.equal(result.stdout, '', label);
  assert.match(result.stderr, pattern, label);
  assert.equal(result.stderr.split('\n').length, 2, `${label}: one line`);
  assert.doesNotMatch(result.stderr, /\n\s+at /, label);
}

test('a binary config file: one line naming the file', async () => {
  const home = tempHome();
  writeFileSync(join(home, '.aws-bin'), '');
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), Buffer.from([0x5b, 0x00, 0xff, 0xfe, 0x01, 0x02]));
  for (const args of COMMANDS)
    assertOneLineError(await runCli(args, { home }), /^awsctl: cannot read AWS config file: .*\/\.aws\/config: it contains NUL bytes/, args.join(' '));
});

test('invalid UTF-8 in the credentials file', async () => {
  const home = tempHome();
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'credentials'), Buffer.from('[a]\nx = \xff\xfe\n', 'latin1'));
  for (const args of COMMANDS)
    assertOneLineError(await runCli(args, { home }), /cannot read AWS credentials file: .*credentials: it is not valid UTF-8 text/, args.join(' '));
});

test('an unterminated section header: file:line, except list-profiles which lists what it can', async () => {
  const home = tempHome({ '.aws/config': '[profile ok]\nregion = x\n[profile broken\nregion = y\n' });
  for (const args of COMMANDS.filter((c) => c[1] !== 'list-profiles')) {
    assertOneLineError(
      await runCli(args, { home }),
      /^awsctl: invalid AWS config file: .*\/\.aws\/config:3: section header has no closing '\]'/,
      args.join(' '),
    );
  }
  assert.deepEqual(await runCli(['configure', 'list-profiles'], { home }), { code: 0, signal: null, stdout: 'ok\n', stderr: '' });
});

test('a 50 MB file is refused without reading it', async () => {
  const home = tempHome({ '.aws/config': '' });
  truncateSync(join(home, '.aws', 'config'), 50 * 1024 * 1024);
  for (const args of COMMANDS) assertOneLineError(await runCli(args, { home }), /it is 50 MB, larger than the 32 MB a profile file may be/, args.join(' '));
});

test('a folder where the config file should be', async () => {
  const home = tempHome();
  mkdirSync(join(home, '.aws', 'config'), { recursive: true });
  for (const args of COMMANDS)
    assertOneLineError(
      await runCli(args, { home }),
      /cannot read AWS config file: .*config: it is a directory, not a file — remove it or point AWS_CONFIG_FILE at a file/,
      args.join(' '),
    );
  assertOneLineError(await runCli(['configure', 'set', 'region', 'x'], { home }), /it is a directory/, 'configure set');
});

test('missing files: empty results, exit 0 (get: exit 1, nothing printed)', async () => {
  const home = tempHome();
  assert.deepEqual(await runCli(['configure', 'list-profiles'], { home }), { code: 0, signal: null, stdout: '', stderr: '' });
  assert.deepEqual(await runCli(['profiles', '--json'], { home }), { code: 0, signal: null, stdout: '[]\n', stderr: '' });
  assert.deepEqual(await runCli(['configure', 'get', 'region'], { home }), { code: 1, signal: null, stdout: '', stderr: '' });
  const elsewhere = await runCli(['profiles', '--json'], { home, env: { AWS_CONFIG_FILE: join(home, 'no', 'such', 'dir', 'config') } });
  assert.equal(elsewhere.stdout, '[]\n');
});

/** Runs the CLI as uid/gid 65534: root reads a mode-000 file anyway, so the test needs someone who cannot. */
function runAsNobody(args: string[], home: string): Promise<RunResult> {
  return runProcess([...awsctlCommand, ...args], { env: cleanEnv(home), cwd: home, uid: 65534, gid: 65534 });
}

test('an unreadable config file (mode 000)', { skip: process.platform === 'win32' ? 'no POSIX modes on Windows' : false }, async () => {
  const home = tempHome({ '.aws/config': '[default]\nregion = x\n' });
  chmodSync(join(home, '.aws', 'config'), 0o000);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // nobody must reach the file (and write the compile cache nowhere): open the folders to it.
    chmodSync(home, 0o755);
    chmodSync(join(home, '.aws'), 0o755);
  }
  const run = (args: string[]) => (asRoot ? runAsNobody(args, home) : runCli(args, { home }));
  for (const args of COMMANDS) assertOneLineError(await run(args), /^awsctl: cannot read .*\/\.aws\/config: permission denied/, args.join(' '));
});
