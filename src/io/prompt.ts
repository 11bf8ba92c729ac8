// Prompts go to the controlling terminal (/dev/tty), never stdout: `eval "$(awsctl env)"` and
// credential_process callers read stdout, and SDKs give credential_process no stdin at all.
import { openSync, closeSync } from 'node:fs';
import { AwsctlError, ExitCode } from '../errors.ts';
import type { Prompter } from './context.ts';

interface TerminalPromptOptions {
  /** False under --no-input: every question fails with `hint` instead of asking. */
  interactive: boolean;
  ttyPath?: string;
}

export function createTerminalPrompter(options: TerminalPromptOptions): Prompter {
  return {
    secret: (message, validate) => ask(options, message, { kind: 'password', validate }),
    text: (message, text) => ask(options, message, { kind: 'input', default: text?.default }),
    confirm: async (message) => (await ask(options, message, { kind: 'confirm' })) === 'yes',
    choose: (message, choices) => ask(options, message, { kind: 'search', choices }),
  };
}

type Question =
  | { kind: 'password'; validate?: ((value: string) => true | string) | undefined }
  | { kind: 'input'; default?: string | undefined }
  | { kind: 'confirm' }
  | { kind: 'search'; choices: ReadonlyArray<{ name: string; value: string; description?: string }> };

async function ask(options: TerminalPromptOptions, message: string, question: Question): Promise<string> {
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
    if (question.kind === 'password')
      return await prompts.password({ message, mask: false, ...(question.validate ? { validate: question.validate } : {}) }, context);
    if (question.kind === 'confirm') return (await prompts.confirm({ message, default: false }, context)) ? 'yes' : 'no';
    if (question.kind === 'search') {
      const { choices } = question;
      return await prompts.search(
        {
          message,
          pageSize: 12,
          source: (term) => {
            const words = (term ?? '').toLowerCase().split(/\s+/).filter(Boolean);
            return choices.filter((c) => words.every((w) => `${c.name} ${c.description ?? ''}`.toLowerCase().includes(w))).map((c) => ({ ...c }));
          },
        },
        context,
      );
    }
    return await prompts.input({ message, ...(question.default !== undefined ? { default: question.default } : {}) }, context);
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
        for (const fd of [readFd, writeFd])
          try {
            closeSync(fd);
          } catch {
            /* already closed by the stream */
          }
      },
    };
  } catch {
    throw new AwsctlError(`cannot ask "${message}"`, 'there is no terminal to ask on', {
      hint: 'run it from a terminal, or give the value on the command line',
    });
  }
}
