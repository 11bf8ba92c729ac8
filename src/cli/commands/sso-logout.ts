// PLACEHOLDER until this command lands: fails clearly instead of pretending to work.
import { AwsctlError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import type { CommandInput } from '../action.ts';

export async function run(_ctx: Context, _input: CommandInput): Promise<number> {
  throw new AwsctlError('sso-logout', 'this command is not implemented yet');
}
