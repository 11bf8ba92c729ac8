// `awsctl sso populate [--sso-session S] [--prefix P] [--dry-run] [--prune]` (+ global --region):
// one profile per account and role in the config file, listed from the portal in parallel
// (bounded, throttling-tolerant), written through the locked re-read-then-write editor so that
// only the generated sections change. --dry-run prints the unified diff on stdout instead.
import { AwsctlError, ExitCode, usageError } from '../../errors.ts';
import { parseIni } from '../../ini/parse.ts';
import { serializeIni } from '../../ini/parse.ts';
import { listSections } from '../../ini/sections.ts';
import type { IniDocument } from '../../ini/types.ts';
import type { Context } from '../../io/context.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { readProfileText } from '../../profile/load.ts';
import { listAccountsAndRoles } from '../../sso/accounts.ts';
import { planPopulate } from '../../sso/populate-plan.ts';
import type { PopulateInput, PopulateResult } from '../../sso/populate-plan.ts';
import { loadAccessToken, portalTarget, prepareSso } from '../../sso/setup.ts';
import { unifiedDiff } from '../../output/unified-diff.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import type { CommandInput } from '../action.ts';

const PREFIX_RULE = /^[A-Za-z0-9._-]*$/;

function credentialProfileNames(doc: IniDocument | undefined): string[] {
  return doc
    ? listSections(doc)
        .filter((s) => s.header.prefix === undefined)
        .map((s) => s.header.name)
    : [];
}

function summary(result: PopulateResult, dryRun: boolean): string {
  const would = dryRun ? 'would be ' : '';
  const parts = [`${result.added.length} ${would}added`, `${result.updated.length} ${would}updated`, `${result.unchanged.length} unchanged`];
  if (result.removed.length > 0) parts.push(`${result.removed.length} ${would}removed`);
  let text = `Profiles: ${parts.join(', ')}.\n`;
  if (result.stale.length > 0)
    text += `${result.stale.length} generated profile(s) no longer match an account and role (${result.stale.slice(0, 5).join(', ')}${result.stale.length > 5 ? ', …' : ''}); --prune removes them.\n`;
  return text;
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const sessionFlag = typeof input.options.ssoSession === 'string' && input.options.ssoSession.trim() !== '' ? input.options.ssoSession : undefined;
  const prefix = typeof input.options.prefix === 'string' ? input.options.prefix : '';
  if (!PREFIX_RULE.test(prefix)) throw usageError('invalid --prefix', `'${prefix}' may only contain letters, digits, '.', '_' and '-'`);
  const setup = prepareSso(ctx, { profileFlag: input.global.profile, sessionFlag });
  const sessionName = setup.session.sessionName;
  if (sessionName === undefined) {
    throw new AwsctlError('cannot populate profiles', 'generated profiles use an [sso-session], and this sign-in is a legacy sso_start_url profile', {
      hint: 'add an [sso-session NAME] with sso_start_url and sso_region, then run: awsctl sso populate --sso-session NAME',
    });
  }
  const token = await loadAccessToken(ctx, setup);
  const started = Date.now();
  const { accounts, stats } = await listAccountsAndRoles(ctx, portalTarget(setup.endpoints, setup.session.region), token.accessToken);
  ctx.debug(
    `sso: listed ${accounts.length} accounts in ${Date.now() - started} ms: ${stats.requests} requests, ${stats.retries} retries, at most ${stats.maxInFlight} at once`,
  );
  const populate: PopulateInput = {
    sessionName,
    accounts,
    prefix,
    region: input.global.region ?? setup.session.region,
    regionExplicit: input.global.region !== undefined,
    prune: input.options.prune === true,
    credentialProfiles: credentialProfileNames(setup.loaded.credentials.doc),
  };
  const dryRun = input.options.dryRun === true;
  const path = setup.loaded.locations.configFile;
  let result: PopulateResult | undefined;
  if (dryRun) {
    const before = path === undefined ? '' : (readProfileText(ctx, path, 'config') ?? '');
    result = planPopulate(parseIni(before), populate);
    ctx.stdout.write(
      unifiedDiff(before, serializeIni(result.doc), { before: `${path ?? 'config'}`, after: `${path ?? 'config'} (after awsctl sso populate)` }),
    );
  } else {
    await editProfileFiles(
      ctx,
      {
        config: (doc) => {
          result = planPopulate(doc, populate);
          return result.doc;
        },
      },
      { locations: setup.loaded.locations },
    );
  }
  for (const skipped of result!.skipped)
    ctx.stderr.write(
      `awsctl: warning: skipped ${terminalSafe(skipped.target.roleName)} in ${terminalSafe(skipped.target.accountId)}: ${terminalSafe(skipped.reason)}\n`,
    );
  ctx.stderr.write(summary(result!, dryRun));
  return ExitCode.ok;
}
