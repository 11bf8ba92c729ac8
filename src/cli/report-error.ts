// Every failure becomes one line on stderr with the contract's exit codes (1 failure, 2 usage,
// 130 cancelled). A stack trace appears only under --debug.
import { ExitCode, isAwsctlError } from '../errors.ts';
import { redact } from '../io/redact.ts';
import { terminalSafe, terminalSafeLines } from '../text/terminal-safe.ts';

export function reportError(error: unknown, debug: boolean): number {
  if (isCommanderError(error)) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    const message = error.message
      .replace(/^error: /, '')
      .replace(/\n+/g, ' ')
      .trim();
    writeError(`usage: ${message} — see 'awsctl --help'`);
    return ExitCode.usage;
  }
  if (isAwsctlError(error)) {
    if (error.reported) return error.exitCode;
    writeError(error.message);
    if (debug && error.cause) process.stderr.write(`${terminalSafeLines(redact(String((error.cause as Error)?.stack ?? error.cause)))}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  // Unexpected errors were not worded by us (e.g. a JSON parse error quotes its input): mask
  // anything shaped like a key or token, as --debug output is.
  writeError(`internal error: ${redact(message.replace(/\n+/g, ' '))} — rerun with --debug and report it`);
  if (debug && error instanceof Error) process.stderr.write(`${terminalSafeLines(redact(error.stack ?? ''))}\n`);
  return ExitCode.failure;
}

/** One line; parts of it may be a server's words, so nothing in it may act on the terminal. */
function writeError(line: string): void {
  process.stderr.write(`awsctl: ${terminalSafe(line)}\n`);
}

function isCommanderError(error: unknown): error is { code: string; message: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('commander.')
  );
}
