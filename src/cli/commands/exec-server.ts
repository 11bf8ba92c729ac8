// `awsctl exec --server [--imds] [--token-file] -- cmd`: the child reads its credentials from a
// server on 127.0.0.1 that refreshes them in the background, instead of keys in its
// environment that expire half-way through. Exit status and signals as with plain `exec`; the
// server stops when the child ends.
import { constants } from 'node:os';
import { applyAssignments } from '../../output/child-env.ts';
import { requestFrom } from '../request.ts';
import { runWithInheritedStdio } from '../../io/run-command.ts';
import type { Context } from '../../io/context.ts';
import { nodeServerSeams } from '../../server/node-seams.ts';
import { startProfileServer } from '../../server/profile-server.ts';
import type { CommandInput } from '../action.ts';

export async function runWithServer(ctx: Context, input: CommandInput, argv: string[]): Promise<number> {
  const served = await startProfileServer(ctx, requestFrom(input), {
    imds: input.options.imds === true,
    tokenFile: input.options.tokenFile === true,
    bind: '127.0.0.1',
    port: 0,
    ...nodeServerSeams(ctx),
  });
  let status: number | undefined;
  try {
    status = await runWithInheritedStdio(ctx, argv, applyAssignments(ctx.env, served.variables), constants.signals);
    return status;
  } finally {
    await served.close();
    // Only after an outcome: an error still has to be reported by the caller.
    if (status !== undefined) exitIfRefreshPending(ctx, served.holder.refreshing, status);
  }
}

/**
 * A refresh still under way when the server stops may be waiting at an MFA prompt on the
 * terminal or on STS; nobody needs its answer any more, and a prompt cannot be withdrawn, so
 * awsctl ends here instead of waiting for it (stdout and stderr are written synchronously, and
 * Node puts the terminal back out of raw mode on exit).
 */
export function exitIfRefreshPending(ctx: Context, refreshing: boolean, status: number): void {
  if (!refreshing) return;
  ctx.debug('server: stopping with a refresh still under way; leaving it unfinished');
  process.exit(status);
}
