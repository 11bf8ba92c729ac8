// Direct dispatch: runs a plain `process`/`env` invocation with the same context, command module
// and error reporting as the commander path, minus commander.
import { createNodeContext } from '../io/node-context.ts';
import { writeEvalFailure } from '../cli/eval-failure.ts';
import { reportError } from '../cli/report-error.ts';
import type { FastInvocation } from './direct-argv.ts';

export async function runFast({ command, input }: FastInvocation): Promise<number> {
  try {
    const ctx = createNodeContext(input.global);
    const module = command === 'process' ? await import('../cli/commands/process.ts') : await import('../cli/commands/env.ts');
    return await module.run(ctx, input);
  } catch (error) {
    const code = reportError(error, input.global.debug);
    if (command === 'env') writeEvalFailure(['env', ...(typeof input.options.format === 'string' ? ['--format', input.options.format] : [])]);
    return code;
  }
}
