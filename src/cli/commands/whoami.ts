// `awsctl whoami [--json]`: sts:GetCallerIdentity with the resolved credentials, plus where
// they came from and when they expire.
import { callerIdentity } from '../../resolve/identity.ts';
import { resolveCredentials } from '../../resolve/resolve.ts';
import { requestFrom } from '../request.ts';
import type { Context } from '../../io/context.ts';
import { timeLeft } from '../../output/credentials-summary.ts';
import { formatRfc3339Utc } from '../../output/rfc3339.ts';
import type { CommandInput } from '../action.ts';

interface WhoamiView {
  Account: string;
  Arn: string;
  UserId: string;
  Provider: string;
  /** RFC 3339 UTC, or null for long-term keys. */
  Expiration: string | null;
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  // No profile given on a terminal: maybe a person picks one (loaded only then: env is on the fast path).
  if (input.global.profile === undefined && ctx.stdin?.isTTY === true) input = await (await import('../pick-profile.ts')).pickProfileIfNeeded(ctx, input);
  const request = requestFrom(input);
  const resolved = await resolveCredentials(ctx, request);
  const identity = await callerIdentity(ctx, request, resolved);
  const view: WhoamiView = {
    Account: identity.account,
    Arn: identity.arn,
    UserId: identity.userId,
    Provider: resolved.provider,
    Expiration: resolved.credentials.expiration ? formatRfc3339Utc(resolved.credentials.expiration) : null,
  };
  ctx.stdout.write(input.options.json === true ? `${JSON.stringify(view, null, 2)}\n` : whoamiText(view, ctx.now()));
  return 0;
}

/** Aligned `Name  value` lines; the expiration also says how long is left. */
export function whoamiText(view: WhoamiView, now: Date): string {
  const expiration = view.Expiration === null ? 'never (long-term keys)' : `${view.Expiration} (${timeLeft(new Date(view.Expiration), now)})`;
  const rows: Array<[string, string]> = [
    ['Account', view.Account],
    ['Arn', view.Arn],
    ['UserId', view.UserId],
    ['Provider', view.Provider],
    ['Expiration', expiration],
  ];
  return rows.map(([name, value]) => `${name.padEnd(11)}${sanitize(value)}`).join('\n') + '\n';
}

/** Values come from the network: no control characters reach the terminal. */
function sanitize(value: string): string {
  return value.replace(/[\p{Cc}]/gu, '?');
}
