// `awsctl keys remove`: see src/keys/remove.ts.
import type { Context } from '../../io/context.ts';
import { removeKeys } from '../../keys/remove.ts';
import type { CommandInput } from '../action.ts';
import { confirmOrFail } from './configure-common.ts';
import { explicitStore, profileOf } from './keys-common.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const store = explicitStore(ctx, input);
  await removeKeys(ctx, { profile: profileOf(ctx, input), ...(store ? { store } : {}), confirm: (question) => confirmOrFail(ctx, input, question) });
  return 0;
}
