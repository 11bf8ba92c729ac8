// `awsctl exec --server [--imds] [--token-file] -- cmd`: the child reads its credentials from a
// server on 127.0.0.1 that refreshes them in the background, instead of keys in its
// environment that expire half-way through. Exit status and signals as with plain `exec`; the
// server stops when the child ends.
import { constants } from 'node:os';
import { applyAssignments } from '../../exec/child-env.ts';
import { requestFrom } from '../../exec/request.ts';
import { runWithInheritedStdio } from '../../exec/run-command.ts';
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
  try {
    return await runWithInheritedStdio(ctx, argv, applyAssignments(ctx.env, served.variables), constants.signals);
  } finally {
    await served.close();
  }
}
