// `awsctl assume <role>… [options] [--format f] [-- cmd args…]`: assume each role in turn
// (each with the credentials of the one before), then print the final credentials as `env`
// does, or run the command with them (and the region) and exit with its status.
import { constants } from 'node:os';
import { parseAssumeArgs } from '../../assume/args.ts';
import { assumeRoles } from '../../assume/chain.ts';
import { childEnvironment } from '../../output/child-env.ts';
import { requestFrom } from '../request.ts';
import { runWithInheritedStdio } from '../../io/run-command.ts';
import type { Context } from '../../io/context.ts';
import { formatEnv } from '../../output/env-formats.ts';
import { credentialEnvironment } from '../../output/env-values.ts';
import type { CommandInput } from '../action.ts';
import { envFormatOf } from './env.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const parsed = parseAssumeArgs(input.args, input.options);
  const format = envFormatOf({ ...input, options: { ...input.options, format: parsed.options.format } });
  const request = requestFrom(input);
  if (parsed.options.tokenCode !== undefined) request.tokenCode = parsed.options.tokenCode;
  const result = await assumeRoles(ctx, request, parsed.roles, parsed.options);
  if (parsed.command) {
    return runWithInheritedStdio(ctx, parsed.command, childEnvironment(ctx.env, result.credentials, result.region), constants.signals);
  }
  // Formatted before anything is written, so a refused value leaves stdout empty.
  ctx.stdout.write(formatEnv(format, credentialEnvironment(result.credentials, result.region)));
  return 0;
}
