// `awsctl configure sso`: set up IAM Identity Center as `aws configure sso` does. Asks for the
// session name, start URL, region and scopes; writes [sso-session NAME]; signs in (the same
// flow as `awsctl login`); lists the accounts and roles the token reaches and lets the person
// pick one from a sorted, searchable list; writes the profile. On a terminal only.
import { usageError } from '../../errors.ts';
import { setProperty } from '../../ini/edit.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { listAccountsAndRoles, type AccountWithRoles } from '../../sso/accounts.ts';
import { normalizeNamePart } from '../../sso/profile-names.ts';
import { loadAccessToken, portalTarget, prepareSso } from '../../sso/setup.ts';
import type { CommandInput } from '../action.ts';
import { loadForReading, note } from './configure-common.ts';
import { requireTerminal } from './configure-wizard.ts';

const NON_INTERACTIVE =
  'without a terminal, write the sections with `awsctl configure set sso-session.NAME.sso_start_url <url>` (and sso_region), sign in with `awsctl login --sso-session NAME`, then `awsctl sso populate --sso-session NAME`';

interface RoleChoice {
  name: string;
  value: string;
  description: string;
}

/** One entry per account and role, sorted by account name (or id), then role. Pure. */
export function roleChoices(accounts: readonly AccountWithRoles[]): RoleChoice[] {
  const rows = accounts.flatMap((a) => a.roles.map((role) => ({ account: a, role })));
  const label = (a: AccountWithRoles) => a.accountName ?? a.accountId;
  rows.sort(
    (x, y) => label(x.account).localeCompare(label(y.account)) || x.account.accountId.localeCompare(y.account.accountId) || x.role.localeCompare(y.role),
  );
  return rows.map(({ account, role }) => ({
    name: `${label(account)} / ${role}`,
    value: `${account.accountId}/${role}`,
    description: `${account.accountId}${account.emailAddress ? ` · ${account.emailAddress}` : ''}`,
  }));
}

async function ask(ctx: Context, message: string, fallback: string | undefined, check: (value: string) => string | undefined): Promise<string> {
  const answer = (await ctx.prompt.text(message, fallback === undefined ? undefined : { default: fallback })).trim() || (fallback ?? '');
  const problem = check(answer);
  if (problem !== undefined) throw usageError('configure sso', problem, 'run it again; nothing was written');
  return answer;
}

const NAME = /^[A-Za-z0-9_\-/.%@:+]+$/;

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  requireTerminal(ctx, 'configure sso', NON_INTERACTIVE);
  if (ctx.prompt.choose === undefined) throw usageError('configure sso', 'this terminal cannot show a list', NON_INTERACTIVE);
  const existing = loadForReading(ctx, input, true);
  const session = await ask(ctx, 'SSO session name:', 'my-sso', (v) => (NAME.test(v) ? undefined : `"${v}" is not a valid section name`));
  const known = existing.set.ssoSessions[session]?.properties ?? {};
  const startUrl = await ask(ctx, 'SSO start URL:', known.sso_start_url?.value, (v) =>
    /^https:\/\/\S+$/.test(v) ? undefined : 'the start URL must be an https:// URL (e.g. https://my-org.awsapps.com/start)',
  );
  const region = await ask(ctx, 'SSO region:', known.sso_region?.value ?? 'us-east-1', (v) =>
    /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : `"${v}" is not a region`,
  );
  const scopes = await ask(ctx, 'SSO registration scopes:', known.sso_registration_scopes?.value ?? 'sso:account:access', () => undefined);
  const sessionRef = { file: 'config' as const, type: 'sso-session' as const, name: session };
  await editProfileFiles(
    ctx,
    {
      config: (doc: IniDocument) =>
        [
          ['sso_start_url', startUrl],
          ['sso_region', region],
          ['sso_registration_scopes', scopes],
        ].reduce((next, [k, v]) => setProperty(next, sessionRef, k!, v!), doc),
    },
    { locations: existing.locations },
  );
  note(ctx, `wrote [sso-session ${session}]; signing in`);

  const login = await import('./sso-login.ts');
  await login.run(ctx, { ...input, options: { ...input.options, ssoSession: session } });
  const setup = prepareSso(ctx, { sessionFlag: session });
  const token = await loadAccessToken(ctx, setup);
  const { accounts } = await listAccountsAndRoles(ctx, portalTarget(setup.endpoints, setup.session.region), token.accessToken);
  const choices = roleChoices(accounts);
  if (choices.length === 0)
    throw usageError(
      'configure sso',
      'the signed-in user can reach no account and role',
      'ask your administrator for an assignment; the session is written, so `awsctl sso populate` works later',
    );
  const picked = await ctx.prompt.choose('Account and role (type to search):', choices);
  const [accountId, roleName] = [picked.slice(0, picked.indexOf('/')), picked.slice(picked.indexOf('/') + 1)];
  const account = accounts.find((a) => a.accountId === accountId);
  const suggested = `${normalizeNamePart(roleName) || 'role'}-${normalizeNamePart(account?.accountName ?? '') || accountId}`;
  const profile = await ask(ctx, 'Profile name:', suggested, (v) => (NAME.test(v) ? undefined : `"${v}" is not a valid profile name`));
  const profileRegion = await ask(ctx, 'Default region for the profile:', region, (v) =>
    /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : `"${v}" is not a region`,
  );
  const profileRef = { file: 'config' as const, type: 'profile' as const, name: profile };
  await editProfileFiles(
    ctx,
    {
      config: (doc: IniDocument) =>
        [
          ['sso_session', session],
          ['sso_account_id', accountId],
          ['sso_role_name', roleName],
          ['region', profileRegion],
        ].reduce((next, [k, v]) => setProperty(next, profileRef, k!, v!), doc),
    },
    { locations: existing.locations },
  );
  note(ctx, `wrote profile ${profile}; try: awsctl whoami --profile ${profile}`);
  return 0;
}
