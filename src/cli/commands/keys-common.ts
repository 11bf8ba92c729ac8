// Flag handling shared by the `keys …` commands.
import type { Context } from '../../io/context.ts';
import { selectProfile } from '../../plan/planner.ts';
import type { KeyStoreName } from '../../plan/stored-keys-settings.ts';
import { storeFlagError } from '../../keys/profile-check.ts';
import { chosenStore } from '../../resolve/keystore/store.ts';
import type { CommandInput } from '../action.ts';

export function profileOf(ctx: Context, input: CommandInput): string {
  return selectProfile(input.global.profile, ctx.env).name;
}

/** --store, else AWSCTL_KEY_STORE, else keyring. */
export function storeOf(ctx: Context, input: CommandInput): KeyStoreName {
  const store = chosenStore(input.options['store'], ctx.env);
  if (store === undefined) throw storeFlagError(input.options['store'] ?? ctx.env.AWSCTL_KEY_STORE);
  return store;
}

/** Only when --store was given (remove and list default to what the profile says, or every store). */
export function explicitStore(ctx: Context, input: CommandInput): KeyStoreName | undefined {
  return input.options['store'] === undefined ? undefined : storeOf(ctx, input);
}
