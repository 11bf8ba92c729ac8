// `awsctl keys add`: see src/keys/add.ts.
import type { Context } from '../../io/context.ts';
import { addKeys } from '../../keys/add.ts';
import type { CommandInput } from '../action.ts';
import { profileOf, storeOf } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  await addKeys(ctx, { profile: profileOf(ctx, input), store: storeOf(ctx, input) });
  return 0;
}
