// Top level: parse argv with commander, run the action, and turn every failure into one line
// on stderr with the contract's exit codes (1 failure, 2 usage, 130 cancelled). A stack trace
// appears only under --debug.
import { AwsctlError, ExitCode, isAwsctlError } from '../errors.ts';
import { buildProgram } from './program.ts';

export async function runCli(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    // Usage errors are printed by our catch below, in the contract's one-line form.
    outputError: () => {},
  });
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    return report(error, debug);
  }
}

type Commandish = ReturnType<typeof buildProgram>;
function allCommands(command: Commandish): Commandish[] {
  return command.commands.flatMap((c) => [c as Commandish, ...allCommands(c as Commandish)]);
}

function report(error: unknown, debug: boolean): number {
  if (isCommanderError(error)) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    const message = error.message.replace(/^error: /, '').replace(/\n+/g, ' ').trim();
    writeError(`usage: ${message} — see 'awsctl --help'`);
    return ExitCode.usage;
  }
  if (isAwsctlError(error)) {
    writeError(error.message);
    if (debug && error.cause) process.stderr.write(`${String((error.cause as Error)?.stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeError(`internal error: ${message.replace(/\n+/g, ' ')} — rerun with --debug and report it`);
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

function writeError(line: string): void {
  process.stderr.write(`awsctl: ${line}\n`);
}

function isCommanderError(error: unknown): error is { code: string; message: string; exitCode: number } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    && (error as { code: string }).code.startsWith('commander.');
}

export { AwsctlError };
