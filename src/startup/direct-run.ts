// Direct dispatch: runs a plain `process`/`env` invocation with the same context, command module and error reporting as the
// commander path, minus commander.
import { createNodeContext } from '../io/node-context.ts';
import { reportError } from '../cli/report-error.ts';
import type { FastInvocation } from './direct-argv.ts';

export async function runFast({ command, input }: FastInvocation): Promise<number> {
  try {
    const ctx = createNodeContext(input.global);
    const module = command === 'process' ? await import('../cli/commands/process.ts') : await import('../cli/commands/env.ts');
    return await module.run(ctx, input);
  } catch (error) {
    return reportError(error, input.global.debug);
  }
}
