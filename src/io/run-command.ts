// Runs a command with our terminal and a prepared environment, for `exec` and `assume -- cmd`,
// and turns the outcome into an exit status: the command's own, 128 + signal when a signal
// ended it, 127 when there is no such command, 126 when it cannot be executed (shell rules).
import type { Context } from './context.ts';
import { statusOf } from './run-inherited.ts';

export async function runWithInheritedStdio(ctx: Context, argv: string[], env: Record<string, string>, signalNumbers: Record<string, number>): Promise<number> {
  if (!ctx.runInherited) throw new Error('this context cannot run commands');
  const program = argv[0] ?? '';
  ctx.debug(`exec: running ${program} with ${argv.length - 1} argument(s)`);
  try {
    const result = await ctx.runInherited(argv, env);
    ctx.debug(`exec: ${program} ended with ${result.exitCode ?? result.signal}`);
    return statusOf(result, signalNumbers);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') {
      ctx.stderr.write(`awsctl: cannot run ${JSON.stringify(program)}: no such command — check the name and PATH\n`);
      return 127;
    }
    if (code === 'EACCES') {
      ctx.stderr.write(`awsctl: cannot run ${JSON.stringify(program)}: permission denied — make it executable\n`);
      return 126;
    }
    throw error;
  }
}
