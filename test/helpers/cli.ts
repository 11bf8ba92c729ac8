// Spawns the real built CLI (bin/awsctl → dist/awsctl.mjs) the way a user's shell would, with
// a clean environment: HOME is always a fresh temp dir, nothing inherited from AWS_* or the
// developer's own ~/.aws. The guard below refuses any HOME outside the temp folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
/** The command under test: the bundled script by default, or a binary given by AWSCTL_BIN (issue: single binary). */
// Resolved to an absolute path: tests spawn it from their temp HOME, not from the repository.
// AWSCTL_NODE runs the launcher under another Node (CI: the oldest supported one, issue 15).
export const awsctlCommand: string[] = process.env.AWSCTL_BIN ? [resolve(process.env.AWSCTL_BIN)] : [process.env.AWSCTL_NODE ?? process.execPath, join(repoRoot, 'bin', 'awsctl')];

const tempRoot = realpathSync(tmpdir());

export function tempDir(prefix = 'awsctl-test-'): string {
  return mkdtempSync(join(tempRoot, prefix));
}

/** A temp HOME with the given files (paths relative to HOME, e.g. ".aws/config"). */
export function tempHome(files: Record<string, string> = {}): string {
  const home = tempDir('awsctl-home-');
  for (const [path, content] of Object.entries(files)) writeFiles(home, { [path]: content });
  return home;
}

export function writeFiles(base: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(base, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  home: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  cwd?: string;
}

/** Baseline environment for every spawned CLI: PATH and a temp HOME only. */
export function cleanEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  assertSafeHome(home);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, NO_COLOR: '1', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function assertSafeHome(home: string): void {
  const real = realpathSync(home);
  if (!real.startsWith(tempRoot + '/')) throw new Error(`test guard: HOME ${home} is not a temp dir; refusing to run against a real ~/.aws`);
}

export function runCli(args: string[], options: RunOptions): Promise<RunResult> {
  const [cmd, ...pre] = awsctlCommand;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, [...pre, ...args], {
      env: cleanEnv(options.home, options.env),
      cwd: options.cwd ?? options.home,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
