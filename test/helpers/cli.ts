// Spawns the real built CLI (bin/awsctl → dist/awsctl.mjs) the way a user's shell would, with
// a clean environment: HOME is always a fresh temp dir, nothing inherited from AWS_* or the
// developer's own ~/.aws. The guard below refuses any HOME outside the temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
/** The command under test: the bundled script by default, or a binary given by AWSCTL_BIN (issue: single binary). */
// Resolved to an absolute path: tests spawn it from their temp HOME, not from the repository.
// AWSCTL_NODE runs the launcher under another Node (CI: the oldest supported one, issue 15).
export const awsctlCommand: string[] = process.env.AWSCTL_BIN
  ? [resolve(process.env.AWSCTL_BIN)]
  : [process.env.AWSCTL_NODE ?? process.execPath, join(repoRoot, 'bin', 'awsctl')];

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

/**
 * Writes the files under `base`. A credentials file is written 0600, as the AWS CLI and awsctl
 * write it, so no test or bench sees the world-readable warning unless it asks for one (chmod).
 */
export function writeFiles(base: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(base, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content, { mode: path.endsWith('credentials') ? 0o600 : 0o644 });
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

export interface ProcessOptions {
  /** The child's environment, exactly (build it with cleanEnv for the CLI). */
  env: Record<string, string>;
  cwd?: string;
  /** Written to stdin, which is then closed (default: nothing). */
  input?: string;
  /** SIGKILL after this long (default 20 s), so a hung child fails its test instead of hanging it. */
  timeoutMs?: number;
  uid?: number;
  gid?: number;
  /** Stop keeping a stream's text past this many characters (a runaway output must not eat the test's memory). */
  maxOutputBytes?: number;
}

export interface RunningProcess {
  child: ChildProcess;
  /** The text so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once `pattern` has appeared on the stream; rejects if the child ends first. */
  waitFor(stream: 'stdout' | 'stderr', pattern: string | RegExp): Promise<void>;
  done: Promise<RunResult>;
}

/** Starts argv[0] (no shell) with the given environment, capturing both streams as text. */
export function startProcess(argv: string[], options: ProcessOptions): RunningProcess {
  const child = spawn(argv[0]!, argv.slice(1), {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  const text = { stdout: '', stderr: '' };
  const limit = options.maxOutputBytes ?? Infinity;
  const watchers: Array<() => void> = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].setEncoding('utf8').on('data', (chunk: string) => {
      if (text[stream].length <= limit) text[stream] += chunk;
      for (const watch of [...watchers]) watch();
    });
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: text.stdout, stderr: text.stderr });
    });
  });
  child.stdin.on('error', () => {}); // a child that exits without reading its input
  child.stdin.end(options.input ?? '');
  const waitFor = (stream: 'stdout' | 'stderr', pattern: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const seen = () => (typeof pattern === 'string' ? text[stream].includes(pattern) : pattern.test(text[stream]));
      if (seen()) return resolve();
      const watch = () => {
        if (!seen()) return;
        watchers.splice(watchers.indexOf(watch), 1);
        resolve();
      };
      watchers.push(watch);
      done.then(
        (result) =>
          reject(
            new Error(
              `${argv[0]} ended (${result.code ?? result.signal}) before ${stream} showed ${pattern}; stdout: ${result.stdout}; stderr: ${result.stderr}`,
            ),
          ),
        reject,
      );
    });
  return { child, stdout: () => text.stdout, stderr: () => text.stderr, waitFor, done };
}

export function runProcess(argv: string[], options: ProcessOptions): Promise<RunResult> {
  return startProcess(argv, options).done;
}

/** The built CLI with a clean environment and the temp HOME as its working folder. */
export function runCli(args: string[], options: RunOptions): Promise<RunResult> {
  return runProcess([...awsctlCommand, ...args], {
    env: cleanEnv(options.home, options.env),
    cwd: options.cwd ?? options.home,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
}
