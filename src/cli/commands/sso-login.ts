// `awsctl login` / `awsctl sso login [--sso-session S] [--no-browser] [--use-device-code]`.
// People's text only, on stderr; stdout stays empty. Ctrl-C ends it with exit code 130 and
// no half-written cache (the token file is written atomically, and only once a token arrived).
import { AwsctlError, ExitCode } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { browserAvailability } from '../../io/browser.ts';
import { chooseLoginFlow, login } from '../../sso/login.ts';
import { sessionLabel } from '../../sso/session.ts';
import { oidcTarget, prepareSso } from '../../sso/setup.ts';
import type { CommandInput } from '../action.ts';
import { resolveStartUrl } from '../../sso/start-url.ts';
import { editProfileFiles } from '../../profile/edit-files.ts';
import { setProperty } from '../../ini/edit.ts';
import type { SectionRef } from '../../ini/sections.ts';

function stringOption(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Ctrl-C aborts the sign-in; if something still holds the process a moment later, leave anyway. */
export function onInterrupt(controller: AbortController): () => void {
  const handler = () => {
    controller.abort();
    setTimeout(() => process.exit(ExitCode.cancelled), 3000).unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  if (!ctx.interactive) {
    throw new AwsctlError('cannot sign in', 'signing in needs a person to approve it in a browser, and --no-input was given', {
      hint: 'run `awsctl login` without --no-input in a terminal',
    });
  }
  const setup = prepareSso(ctx, { profileFlag: input.global.profile, sessionFlag: stringOption(input.options.ssoSession) });
  const choice = chooseLoginFlow({
    legacy: setup.session.sessionName === undefined,
    useDeviceCode: input.options.useDeviceCode === true,
    noBrowser: input.options.browser === false,
    availability: browserAvailability(ctx.env, ctx.platform),
  });
  // A start URL on a company's own domain: one redirect to the AWS-owned portal, whose host names
  // the region (as the AWS CLI does since 2.35.13); an AWS-owned start URL is used as configured.
  const resolved = await resolveStartUrl(ctx, setup.session.startUrl, setup.session.region);
  if (resolved.followed) ctx.stderr.write(`The start URL ${setup.session.startUrl} leads to ${resolved.url} (IAM Identity Center in ${resolved.region}).\n`);
  const session = { ...setup.session, region: resolved.region };
  const controller = new AbortController();
  const detach = onInterrupt(controller);
  try {
    const result = await login(
      { ctx, openUrl: (url) => ctx.openUrl?.(url) ?? Promise.resolve(false) },
      { session, home: setup.home, oidc: oidcTarget(setup.endpoints, session.region), choice, signal: controller.signal },
    );
    const how = result.fromOtherProcess ? ' (by another awsctl that was signing in at the same time)' : '';
    ctx.stderr.write(`Signed in to ${sessionLabel(session)}${how}; the token is valid until ${result.token.expiresAt}.\n`);
    // Only after a successful sign-in, as the AWS CLI: the region the portal named is written back.
    if (resolved.region !== setup.session.region) {
      const ref: SectionRef =
        session.sessionName !== undefined
          ? { file: 'config', type: 'sso-session', name: session.sessionName }
          : { file: 'config', type: 'profile', name: setup.profileName };
      await editProfileFiles(ctx, { config: (doc) => setProperty(doc, ref, 'sso_region', resolved.region) }, { locations: setup.loaded.locations });
      ctx.stderr.write(`sso_region updated to ${resolved.region}.\n`);
    }
    return ExitCode.ok;
  } finally {
    detach();
  }
}
