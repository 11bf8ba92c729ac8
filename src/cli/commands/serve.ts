// `awsctl serve [--port N] [--bind A] [--imds] [--token-file] [--format f]`: the credential
// server of `exec --server` in the foreground, for programs started elsewhere. Prints the
// variables to set (in the `env` formats) on stdout, then serves until interrupted.
import { requestFrom } from '../request.ts';
import { usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { formatEnv } from '../../output/env-formats.ts';
import { nodeServerSeams } from '../../server/node-seams.ts';
import { startProfileServer } from '../../server/profile-server.ts';
import type { CommandInput } from '../action.ts';
import { envOutputOf } from './env.ts';
import { exitIfRefreshPending } from './exec-server.ts';

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function portOf(value: unknown): number {
  if (value === undefined) return 0;
  const text = String(value).trim();
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw usageError('--port', `${JSON.stringify(text)} is not a port number`, 'give a number from 1 to 65535, or leave it out for a random free port');
  return Number(text);
}

function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      for (const name of STOP_SIGNALS) process.off(name, stop);
      resolve(signal);
    };
    for (const name of STOP_SIGNALS) process.on(name, stop);
  });
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const { format } = envOutputOf(ctx, input.options.format);
  const port = portOf(input.options.port);
  const bind = typeof input.options.bind === 'string' ? input.options.bind.trim() : '127.0.0.1';
  const stopped = untilStopped();
  const served = await startProfileServer(ctx, requestFrom(input), {
    imds: input.options.imds === true,
    tokenFile: input.options.tokenFile === true,
    bind,
    port,
    ...nodeServerSeams(ctx),
  });
  let stoppedBySignal = false;
  try {
    ctx.stdout.write(formatEnv(format, served.variables));
    const where = served.server.imdsEndpoint ?? served.server.containerUri;
    ctx.stderr.write(
      `awsctl: serving the credentials of profile ${served.profile} on ${where}; set the variables above where the program runs. Ctrl-C stops.\n`,
    );
    const signal = await stopped;
    ctx.debug(`server: ${signal} received; stopping`);
    stoppedBySignal = true;
    return 0;
  } finally {
    await served.close();
    if (stoppedBySignal) exitIfRefreshPending(ctx, served.holder.refreshing, 0);
  }
}
