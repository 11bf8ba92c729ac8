// `awsctl assume <role>… [options] [--format f] [-- cmd args…]`: assume each role in turn
// (each with the credentials of the one before), then print the final credentials as `env`
// does (a summary on a terminal, as env.ts), or run the command with them (and the region) and
// exit with its status.
import { constants } from 'node:os';
import { parseAssumeArgs } from '../../assume/args.ts';
import { assumeRoles } from '../../assume/chain.ts';
import { childEnvironment } from '../../output/child-env.ts';
import { requestFrom } from '../request.ts';
import { runWithInheritedStdio } from '../../io/run-command.ts';
import type { Context } from '../../io/context.ts';
import { credentialsSummaryText, shellCommandLine } from '../../output/credentials-summary.ts';
import { formatEnv } from '../../output/env-formats.ts';
import { credentialEnvironment } from '../../output/env-values.ts';
import type { CommandInput } from '../action.ts';
import { envOutputOf, selectionWords } from './env.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const parsed = parseAssumeArgs(input.args, input.options);
  const output = envOutputOf(ctx, parsed.options.format);
  // No profile given on a terminal: maybe a person picks one (loaded only then: env is on the fast path).
  if (input.global.profile === undefined && ctx.stdin?.isTTY === true) input = await (await import('../pick-profile.ts')).pickProfileIfNeeded(ctx, input);
  const request = requestFrom(input);
  if (parsed.options.tokenCode !== undefined) request.tokenCode = parsed.options.tokenCode;
  const result = await assumeRoles(ctx, request, parsed.roles, parsed.options);
  if (parsed.command) {
    return runWithInheritedStdio(ctx, parsed.command, childEnvironment(ctx.env, result.credentials, result.region), constants.signals);
  }
  // Formatted before anything is written, so a refused value leaves stdout empty.
  const text = formatEnv(output.format, credentialEnvironment(result.credentials, result.region, ctx.env));
  if (!output.explicit && ctx.stdout.isTTY) {
    const words = [...selectionWords(input), ...parsed.roles];
    ctx.stdout.write(
      credentialsSummaryText(
        {
          profile: input.global.profile ?? ctx.env.AWS_PROFILE ?? ctx.env.AWS_DEFAULT_PROFILE ?? 'default',
          provider: `assume-role (${result.roleArns.length} role${result.roleArns.length === 1 ? '' : 's'})`,
          roleArn: result.roleArns.at(-1),
          accessKeyId: result.credentials.accessKeyId,
          accountId: result.credentials.accountId,
          expiration: result.credentials.expiration,
          region: result.region,
          commandLine: shellCommandLine(['awsctl', 'assume', ...words]),
          runPrefix: shellCommandLine(['awsctl', 'assume', ...words, '--']),
        },
        ctx.now(),
      ),
    );
    return 0;
  }
  ctx.stdout.write(text);
  return 0;
}
