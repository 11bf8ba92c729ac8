// Runs a command the way a shell would for `awsctl exec` and `assume -- cmd`: the child gets our
// terminal (stdin, stdout, stderr inherited) and the environment it is given, and termination
// signals sent to awsctl are passed on, so `kill <awsctl pid>` stops the command too. awsctl
// stays alive until the child ends so it can report the child's own status.
import { spawn } from 'node:child_process';
import type { InheritedRunResult } from './context.ts';

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

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
      // A Ctrl-C at the terminal reaches the child by itself (same process group); forwarding
      // it again is harmless, and it is what makes `kill -INT <awsctl>` work.
      const handler = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
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
