// `awsctl env [--format f] [--unset]`: lines that export the profile's credentials (or clear them).
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import { usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { formatEnv, isEnvFormat, type EnvFormat } from '../../output/env-formats.ts';
import { clearedEnvironment, credentialEnvironment } from '../../output/env-values.ts';
import type { CommandInput } from '../action.ts';

export function envFormatOf(input: CommandInput): EnvFormat {
  const format = typeof input.options.format === 'string' ? input.options.format : 'sh';
  if (!isEnvFormat(format)) throw usageError('--format', `unknown format ${JSON.stringify(format)}`, 'use sh, fish, powershell, cmd, dotenv or json');
  return format;
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const format = envFormatOf(input);
  if (input.options.unset === true) {
    ctx.stdout.write(formatEnv(format, clearedEnvironment()));
    return 0;
  }
  const resolved = await resolveCredentials(ctx, requestFrom(input));
  // Formatting happens before anything is written, so a refused value leaves stdout empty.
  const text = formatEnv(format, credentialEnvironment(resolved.credentials, resolved.region));
  ctx.stdout.write(text);
  return 0;
}
