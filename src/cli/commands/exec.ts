// `awsctl exec [--] <cmd> [args…]`: run a command with the profile's credentials and region in
// its environment (AWS_PROFILE removed), with our terminal, and exit with its status.
// With --server (or --imds) the credentials come from a local server instead (exec-server.ts).
import { constants } from 'node:os';
import { childEnvironment } from '../../output/child-env.ts';
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import { runWithInheritedStdio } from '../../io/run-command.ts';
import { usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const argv = input.args.length > 0 ? input.args : (input.afterDashDash ?? []);
  if (argv.length === 0) throw usageError('exec', 'no command was given', 'usage: awsctl exec [--profile p] -- <command> [args…]');
  // No profile given on a terminal: maybe a person picks one (loaded only then: env is on the fast path).
  if (input.global.profile === undefined && ctx.stdin?.isTTY === true) input = await (await import('../pick-profile.ts')).pickProfileIfNeeded(ctx, input);
  if (input.options.server === true || input.options.imds === true) {
    const { runWithServer } = await import('./exec-server.ts');
    return runWithServer(ctx, input, argv);
  }
  if (input.options.tokenFile === true) throw usageError('--token-file', 'it applies only with --server', 'add --server');
  const resolved = await resolveCredentials(ctx, requestFrom(input));
  const env = childEnvironment(ctx.env, resolved.credentials, resolved.region);
  return runWithInheritedStdio(ctx, argv, env, constants.signals);
}
