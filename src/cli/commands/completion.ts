// `awsctl completion <shell>`: prints the completion script for that shell, the same text as
// the file shipped in completions/ (both come from completion-gen.ts).
import type { Context } from '../../io/context.ts';
import type { CommandInput } from '../action.ts';
import { usageError } from '../../errors.ts';
import { SHELLS, completionScript, isShell } from '../../docgen/completion-gen.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const shell = (input.args[0] ?? '').toLowerCase();
  if (!isShell(shell)) {
    throw usageError('completion', `unknown shell '${input.args[0] ?? ''}'`, `use one of: ${SHELLS.join(', ')}`);
  }
  // program.ts loads commander; only this command needs it outside of argument parsing.
  const { buildProgram } = await import('../program.ts');
  ctx.stdout.write(completionScript(shell, buildProgram()));
  return 0;
}
