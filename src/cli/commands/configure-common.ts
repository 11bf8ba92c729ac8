// Helpers shared by the `configure …` and `profiles` commands: loading the files for reading
// (warnings to stderr), asking before destructive edits, and one-line notes for people.
import { AwsctlError, ExitCode, usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { loadProfilesFresh } from '../../profile/load-once.ts';
import type { LoadedProfiles } from '../../profile/load.ts';
import type { CommandInput } from '../action.ts';

export function note(ctx: Context, text: string): void {
  ctx.stderr.write(`awsctl: ${text.replace(/[\r\n]+/g, ' ')}\n`);
}

/** Both files, read afresh; the loader's warnings go to stderr (once per run) unless `quiet`. */
export function loadForReading(ctx: Context, input: CommandInput, quiet = false, portability = false): LoadedProfiles {
  return loadProfilesFresh(ctx, input.global.profile, { quiet, portability });
}

export function stringArg(input: CommandInput, index: number, name: string): string {
  const value = input.args[index];
  if (value === undefined) throw usageError(`missing argument <${name}>`, 'it is required', "see 'awsctl configure --help'");
  return value;
}

/** --yes skips the question; --no-input without --yes is an error rather than a silent yes. */
export async function confirmOrFail(ctx: Context, input: CommandInput, question: string): Promise<void> {
  if (input.options['yes'] === true) return;
  if (!ctx.interactive) {
    throw usageError('confirmation needed', '--no-input was given, so awsctl cannot ask', 'add --yes to go ahead without asking');
  }
  let yes: boolean;
  try {
    yes = await ctx.prompt.confirm(question);
  } catch (error) {
    // "No terminal to ask on" from the prompter: the way out here is --yes, not an option value.
    if (error instanceof AwsctlError && error.exitCode !== ExitCode.cancelled)
      throw usageError('confirmation needed', error.why, 'add --yes to go ahead without asking');
    throw error;
  }
  if (!yes) {
    throw new AwsctlError('nothing changed', 'you answered no', { exitCode: ExitCode.failure });
  }
}

export function describeFiles(paths: string[]): string {
  return paths.length === 0 ? 'no file' : paths.join(' and ');
}
