// `awsctl keys rotate`: see src/keys/rotate.ts.
import type { Context } from '../../io/context.ts';
import { rotateKeys } from '../../keys/rotate.ts';
import type { CommandInput } from '../action.ts';
import { profileOf } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  await rotateKeys(ctx, { profile: profileOf(ctx, input) });
  return 0;
}
