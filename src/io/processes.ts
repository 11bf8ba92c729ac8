// The real ProcessRunner: child processes without a shell, for credential_process helpers and
// `exec`-style commands that must be captured.
//
// - stdout is captured (the helper's JSON), up to a size cap: beyond it the child is stopped
//   and the run rejects with ProcessOutputTooLargeError, so a runaway helper cannot eat memory.
// - stderr, when passStderr, is copied through to our stderr as it arrives (the helper's own
//   messages and prompts reach the user) and its last ~4 KB are kept for error messages.
// - stdin is inherited, so the helper may prompt.
// - On timeout the child gets SIGTERM, then SIGKILL after a grace period.
//
// Process groups: killing the whole group also stops a helper's own children (a script's
// `sleep`, a `curl`). But on Unix a child can only get its own group by starting a new session
// (Node's `detached`), which takes away its controlling terminal, so /dev/tty prompts (MFA codes,
// awsctl's own) and Ctrl-C would stop working. So: with a controlling terminal the helper stays
// in our group and session and the timeout stops the helper itself; without one (SDKs, CI) it
// gets its own group and the timeout stops all of it. Either way the run never waits past the
// timeout: after SIGKILL the pipes are closed even if an orphan still holds them.
// node:child_process (with net and dgram) loads only when a helper process actually runs.
import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { ProcessRunner, SpawnResult } from './context.ts';

const DEFAULT_STDOUT_LIMIT_BYTES = 1024 * 1024;
export const STDERR_TAIL_BYTES = 4096;
const DEFAULT_KILL_GRACE_MS = 2000;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface ProcessRunnerOptions {
  /** Where passStderr copies the child's stderr (default process.stderr). */
  stderr?: { write(chunk: Buffer): unknown };
  stdoutLimitBytes?: number;
  killGraceMs?: number;
  /** Whether helpers may keep the terminal; default: a controlling terminal can be opened. */
  hasTerminal?: () => boolean;
  platform?: NodeJS.Platform;
}

export class ProcessOutputTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`the process wrote more than ${limitBytes} bytes to stdout`);
    this.name = 'ProcessOutputTooLargeError';
    this.limitBytes = limitBytes;
  }
}

export function createProcessRunner(options: ProcessRunnerOptions = {}): ProcessRunner {
  return {
    run: (argv, runOptions) => runProcess(argv, runOptions, options),
  };
}

type RunOptions = Parameters<ProcessRunner['run']>[1];

function runProcess(argv: string[], run: RunOptions, options: ProcessRunnerOptions): Promise<SpawnResult> {
  const [command, ...args] = argv;
  if (command === undefined || command === '') return Promise.reject(new Error('no command to run'));
  const platform = options.platform ?? process.platform;
  const ownGroup = platform !== 'win32' && !(options.hasTerminal ?? hasControllingTerminal)();
  const child = process.getBuiltinModule('node:child_process').spawn(command, args, {
    env: run.env,
    // `shell` takes the whole command line as argv[0]: /bin/sh -c on Unix, cmd.exe /d /s /c on Windows.
    shell: run.shell === true,
    stdio: ['inherit', 'pipe', 'pipe'],
    detached: ownGroup,
    windowsHide: true,
  });
  return collect(child, run, options, ownGroup);
}

function collect(child: ChildProcess, run: RunOptions, options: ProcessRunnerOptions, ownGroup: boolean): Promise<SpawnResult> {
  const limit = options.stdoutLimitBytes ?? DEFAULT_STDOUT_LIMIT_BYTES;
  const passTo = run.passStderr ? (options.stderr ?? process.stderr) : undefined;
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let stderrTail: Buffer = Buffer.alloc(0);
  let timedOut = false;
  let tooLarge = false;

  return new Promise<SpawnResult>((resolve, reject) => {
    const stopper = createStopper(child, ownGroup, options.killGraceMs ?? DEFAULT_KILL_GRACE_MS);
    // setTimeout fires at once for delays past 2^31-1 ms (~24.8 days): cap rather than overflow.
    const timer = setTimeout(
      () => {
        timedOut = true;
        stopper.stop();
      },
      Math.min(Math.max(run.timeoutMs, 0), MAX_TIMER_MS),
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > limit) {
        if (!tooLarge) stopper.stop();
        tooLarge = true;
        return;
      }
      stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      passTo?.write(chunk);
      stderrTail = keepTail(Buffer.concat([stderrTail, chunk]), STDERR_TAIL_BYTES);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      stopper.cancel();
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      stopper.cancel();
      if (tooLarge) return reject(new ProcessOutputTooLargeError(limit));
      resolve({
        exitCode: code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: decodeTail(stderrTail),
        timedOut,
      });
    });
  });
}

/** SIGTERM now; SIGKILL and closed pipes after the grace period if the child is still there. */
function createStopper(child: ChildProcess, ownGroup: boolean, graceMs: number): { stop(): void; cancel(): void } {
  let killTimer: NodeJS.Timeout | undefined;
  const signal = (name: NodeJS.Signals): void => {
    try {
      if (ownGroup && child.pid !== undefined) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // Already gone: nothing to stop.
    }
  };
  return {
    stop() {
      if (killTimer !== undefined) return;
      signal('SIGTERM');
      killTimer = setTimeout(() => {
        signal('SIGKILL');
        // An orphaned grandchild may still hold the pipes open; stop waiting for it.
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, graceMs);
    },
    cancel() {
      if (killTimer !== undefined) clearTimeout(killTimer);
    },
  };
}

function keepTail(buffer: Buffer, bytes: number): Buffer {
  return buffer.length <= bytes ? buffer : buffer.subarray(buffer.length - bytes);
}

/** The tail may start in the middle of a UTF-8 sequence: drop the broken lead. */
function decodeTail(tail: Buffer): string {
  let start = 0;
  while (start < tail.length && start < 4 && ((tail[start] as number) & 0xc0) === 0x80) start++;
  return tail.subarray(start).toString('utf8');
}

function hasControllingTerminal(): boolean {
  if (process.platform === 'win32') return true;
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}
