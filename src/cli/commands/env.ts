// `awsctl env [--format f] [--unset]`: lines that export the profile's credentials (or clear them).
// On a terminal, without an explicit --format, a summary instead: secrets are for `eval`, not
// for the screen.
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import { usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { credentialsSummaryText, shellCommandLine } from '../../output/credentials-summary.ts';
import { formatEnv, isEnvFormat, type EnvFormat } from '../../output/env-formats.ts';
import { clearedEnvironment, credentialEnvironment } from '../../output/env-values.ts';
import { defaultEnvFormat } from '../../output/shell-format.ts';
import type { CommandInput } from '../action.ts';

interface EnvOutput {
  format: EnvFormat;
  /** false: --format was not given (the format is the shell's), so a terminal gets a summary. */
  explicit: boolean;
}

export function envOutputOf(ctx: Pick<Context, 'env' | 'parentProgram'>, format: unknown): EnvOutput {
  if (format === undefined) return { format: defaultEnvFormat(ctx.parentProgram?.(), ctx.env.SHELL), explicit: false };
  if (typeof format !== 'string' || !isEnvFormat(format))
    throw usageError('--format', `unknown format ${JSON.stringify(format)}`, 'use sh, fish, powershell, cmd, dotenv or json');
  return { format, explicit: true };
}

/** The global options that chose these credentials, as words to repeat on a command line. */
export function selectionWords(input: CommandInput): string[] {
  const words: string[] = [];
  if (input.global.profile !== undefined) words.push('--profile', input.global.profile);
  if (input.global.region !== undefined) words.push('--region', input.global.region);
  return words;
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const output = envOutputOf(ctx, input.options.format);
  if (input.options.unset === true) {
    ctx.stdout.write(formatEnv(output.format, clearedEnvironment(ctx.env)));
    return 0;
  }
  // No profile given on a terminal: maybe a person picks one (loaded only then: env is on the fast path).
  if (input.global.profile === undefined && ctx.stdin?.isTTY === true) input = await (await import('../pick-profile.ts')).pickProfileIfNeeded(ctx, input);
  const resolved = await resolveCredentials(ctx, requestFrom(input));
  // Formatting happens before anything is written, so a refused value leaves stdout empty.
  const text = formatEnv(output.format, credentialEnvironment(resolved.credentials, resolved.region, ctx.env));
  if (!output.explicit && ctx.stdout.isTTY) {
    const words = selectionWords(input);
    ctx.stdout.write(
      credentialsSummaryText(
        {
          profile: resolved.profile,
          provider: resolved.provider,
          accessKeyId: resolved.credentials.accessKeyId,
          accountId: resolved.credentials.accountId,
          expiration: resolved.credentials.expiration,
          region: resolved.region,
          commandLine: shellCommandLine(['awsctl', 'env', ...words]),
          runPrefix: shellCommandLine(['awsctl', 'exec', ...words, '--']),
        },
        ctx.now(),
      ),
    );
    return 0;
  }
  ctx.stdout.write(text);
  return 0;
}
