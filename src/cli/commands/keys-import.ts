// `awsctl keys import`: see src/keys/import.ts.
import type { Context } from '../../io/context.ts';
import { importKeys } from '../../keys/import.ts';
import type { CommandInput } from '../action.ts';
import { profileOf, storeOf } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  await importKeys(ctx, { profile: profileOf(ctx, input), store: storeOf(ctx, input) });
  return 0;
}
