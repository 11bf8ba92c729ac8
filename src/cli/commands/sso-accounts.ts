// `awsctl sso accounts [--sso-session S] [--json]`: every account and role the signed-in token
// can reach, one row per account and role (easy to grep), or JSON grouped by account.
import { ExitCode } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { formatJson, formatTable } from '../../output/table.ts';
import { listAccountsAndRoles } from '../../sso/accounts.ts';
import type { AccountWithRoles } from '../../sso/accounts.ts';
import { loadAccessToken, portalTarget, prepareSso } from '../../sso/setup.ts';
import type { CommandInput } from '../action.ts';

/** Pure: the table rows. An account with no role still gets a row, so it is not invisible. */
export function accountRows(accounts: readonly AccountWithRoles[]): string[][] {
  return accounts.flatMap((a) => (a.roles.length > 0 ? a.roles : ['']).map((role) => [a.accountId, a.accountName ?? '', role]));
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const sessionFlag = typeof input.options.ssoSession === 'string' && input.options.ssoSession.trim() !== '' ? input.options.ssoSession : undefined;
  const setup = prepareSso(ctx, { profileFlag: input.global.profile, sessionFlag });
  const token = await loadAccessToken(ctx, setup);
  const { accounts, stats } = await listAccountsAndRoles(ctx, portalTarget(setup.endpoints, setup.session.region), token.accessToken);
  ctx.debug(`sso: ${accounts.length} accounts in ${stats.requests} requests (${stats.retries} retries, at most ${stats.maxInFlight} at once)`);
  if (input.options.json === true) {
    ctx.stdout.write(
      formatJson(accounts.map((a) => ({ accountId: a.accountId, accountName: a.accountName ?? null, emailAddress: a.emailAddress ?? null, roles: a.roles }))),
    );
  } else {
    ctx.stdout.write(formatTable(['ACCOUNT ID', 'ACCOUNT NAME', 'ROLE'], accountRows(accounts)));
  }
  return ExitCode.ok;
}
