// Prompts go to the controlling terminal (/dev/tty), never stdout: `eval "$(awsctl env)"` and
// credential_process callers read stdout, and SDKs give credential_process no stdin at all.
import { openSync, closeSync } from 'node:fs';
import { AwsctlError, ExitCode } from '../errors.ts';
import type { Prompter } from './context.ts';

export interface TerminalPromptOptions {
  /** False under --no-input: every question fails with `hint` instead of asking. */
  interactive: boolean;
  ttyPath?: string;
}

export function createTerminalPrompter(options: TerminalPromptOptions): Prompter {
  return {
    secret: (message, validate) => ask(options, message, 'password', validate),
    text: (message) => ask(options, message, 'input'),
    confirm: async (message) => (await ask(options, message, 'confirm')) === 'yes',
  };
}

type Kind = 'password' | 'input' | 'confirm';

async function ask(options: TerminalPromptOptions, message: string, kind: Kind, validate?: (value: string) => true | string): Promise<string> {
  if (!options.interactive) {
    throw new AwsctlError(`cannot ask "${message}"`, '--no-input was given', { hint: 'pass the value as an option instead' });
  }
  const terminal = openTerminal(options.ttyPath ?? '/dev/tty', message);
  const { ReadStream, WriteStream } = await import('node:tty');
  const input = new ReadStream(terminal.readFd);
  const output = new WriteStream(terminal.writeFd);
  try {
    const prompts = await import('@inquirer/prompts');
    const context = { input, output, clearPromptOnDone: false };
    if (kind === 'password') return await prompts.password({ message, mask: false, ...(validate ? { validate } : {}) }, context);
    if (kind === 'confirm') return (await prompts.confirm({ message, default: false }, context)) ? 'yes' : 'no';
    return await prompts.input({ message }, context);
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      throw new AwsctlError('cancelled', 'the prompt was interrupted', { exitCode: ExitCode.cancelled });
    }
    throw error;
  } finally {
    input.destroy();
    output.destroy();
    terminal.close();
  }
}

function openTerminal(path: string, message: string): { readFd: number; writeFd: number; close(): void } {
  try {
    const readFd = openSync(path, 'r');
    const writeFd = openSync(path, 'w');
    return {
      readFd,
      writeFd,
      close() {
        for (const fd of [readFd, writeFd]) try { closeSync(fd); } catch { /* already closed by the stream */ }
      },
    };
  } catch {
    throw new AwsctlError(`cannot ask "${message}"`, 'there is no terminal to ask on', {
      hint: 'run it from a terminal, or give the value on the command line',
    });
  }
}
