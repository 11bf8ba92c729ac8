// Runs a command the way a shell would for `awsctl exec` and `assume -- cmd`: the child gets our
// terminal (stdin, stdout, stderr inherited) and the environment it is given, and termination
// signals sent to awsctl are passed on, so `kill <awsctl pid>` stops the command too. awsctl
// stays alive until the child ends so it can report the child's own status.
//
// Every signal must reach the child exactly once. The child shares awsctl's process group, so
// what a terminal sends to its foreground group (Ctrl-C, Ctrl-\, a hang-up) reaches it by
// itself: forwarding that again made one Ctrl-C two, which terraform reads as "exit now, data
// loss may have occurred". Node does not say who sent a signal, so the rule is by where awsctl
// stands: in the terminal's foreground group, those terminal signals are left to the terminal;
// anywhere else (no terminal, a background job) they came to awsctl alone and are passed on.
// Signals a terminal never sends (TERM, USR1, USR2) are always passed on.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { InheritedRunResult } from './context.ts';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
/** What a terminal sends to its whole foreground process group. */
const TERMINAL_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGQUIT', 'SIGHUP']);

/**
 * The process group and the terminal's foreground group from a /proc/<pid>/stat line, or
 * undefined when unreadable. After the command name (which may hold spaces and parentheses):
 * state ppid pgrp session tty_nr tpgid.
 */
export function groupsFromProcStat(stat: string): { pgrp: number; foreground: number } | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(fields[2]);
  const foreground = Number(fields[5]);
  return Number.isInteger(pgrp) && Number.isInteger(foreground) && fields.length > 5 ? { pgrp, foreground } : undefined;
}

/** True when awsctl is in its terminal's foreground process group (so the terminal signals the child too). */
function inTerminalForeground(platform: string = process.platform): boolean {
  // Windows delivers a console Ctrl-C to every process attached to the console, child included.
  if (platform === 'win32') return true;
  let groups: { pgrp: number; foreground: number } | undefined;
  try {
    groups = groupsFromProcStat(readFileSync('/proc/self/stat', 'utf8'));
  } catch {
    // No /proc (macOS, the BSDs): ps knows both.
    const ps = spawnSync('ps', ['-o', 'pgid=,tpgid=', '-p', String(process.pid)], { encoding: 'utf8' });
    const [pgrp, foreground] = (ps.stdout ?? '').trim().split(/\s+/).map(Number);
    if (Number.isInteger(pgrp) && Number.isInteger(foreground)) groups = { pgrp: pgrp!, foreground: foreground! };
  }
  return groups !== undefined && groups.foreground > 0 && groups.foreground === groups.pgrp;
}

/** Whether awsctl passes a signal it received on to the child (see the top of this file). */
export function shouldForward(signal: NodeJS.Signals, inForeground: () => boolean): boolean {
  return !TERMINAL_SIGNALS.has(signal) || !inForeground();
}

export function runInherited(argv: string[], env: Record<string, string>): Promise<InheritedRunResult> {
  const [command, ...args] = argv;
  if (command === undefined || command === '') return Promise.reject(Object.assign(new Error('no command to run'), { code: 'ENOENT' }));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    const handlers = new Map<NodeJS.Signals, () => void>();
    const detach = () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
    for (const signal of FORWARDED_SIGNALS) {
      const handler = () => {
        if (child.exitCode === null && child.signalCode === null && shouldForward(signal, inTerminalForeground)) child.kill(signal);
      };
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
    child.once('error', (error) => {
      detach();
      reject(error);
    });
    child.once('exit', (exitCode, signal) => {
      detach();
      resolve({ exitCode, signal });
    });
  });
}

/** The shell's convention for a status: the exit code, or 128 + the signal number. */
export function statusOf(result: InheritedRunResult, signalNumbers: Record<string, number>): number {
  if (result.exitCode !== null) return result.exitCode;
  const number = result.signal ? signalNumbers[result.signal] : undefined;
  return number === undefined ? 1 : 128 + number;
}
