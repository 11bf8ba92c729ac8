// `awsctl keys export --profile X --show-secret [--format f]`: the stored long-term keys as
// export lines, for moving them elsewhere. Refused without --show-secret: every other command
// hands out a session, and printing the long-term secret must be asked for by name.
import { AwsctlError, usageError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { storeOfProfile } from '../../keys/profile-check.ts';
import { openKeyStore } from '../../resolve/keystore/store.ts';
import { formatEnv } from '../../output/env-formats.ts';
import { credentialEnvironment } from '../../output/env-values.ts';
import { loadProfileFiles } from '../../profile/load.ts';
import type { CommandInput } from '../action.ts';
import { envOutputOf } from './env.ts';
import { explicitStore, profileOf } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const profile = profileOf(ctx, input);
  if (input.options['showSecret'] !== true) {
    throw usageError(
      'keys export',
      'it prints the long-term secret key, so it needs --show-secret',
      `run: awsctl keys export --profile ${profile} --show-secret (awsctl env --profile ${profile} gives a session instead)`,
    );
  }
  const { format } = envOutputOf(ctx, input.options.format);
  const storeName = explicitStore(ctx, input) ?? storeOfProfile(loadProfileFiles(ctx, { profileFlag: profile }).set, profile);
  if (storeName === undefined)
    throw new AwsctlError(`profile ${profile}`, 'it has no stored keys (no awsctl_key_store setting)', {
      hint: 'pass --store keyring|file, or see awsctl keys list',
    });
  const keys = await (await openKeyStore(ctx, storeName)).read(profile);
  if (!keys) throw new AwsctlError(`profile ${profile}`, `the ${storeName} store holds no keys for it`, { hint: 'see awsctl keys list' });
  ctx.stdout.write(formatEnv(format, credentialEnvironment({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }, undefined)));
  return 0;
}
