// `awsctl login` / `awsctl sso login [--sso-session S] [--no-browser] [--use-device-code]`.
// People's text only, on stderr; stdout stays empty. Ctrl-C ends it with exit code 130 and
// no half-written cache (the token file is written atomically, and only once a token arrived).
import { AwsctlError, ExitCode } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { browserAvailability, createBrowserOpener } from '../../sso/browser.ts';
import { chooseLoginFlow, login } from '../../sso/login.ts';
import { sessionLabel } from '../../sso/session.ts';
import { oidcTarget, prepareSso } from '../../sso/setup.ts';
import type { CommandInput } from '../action.ts';

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
  const controller = new AbortController();
  const detach = onInterrupt(controller);
  try {
    const result = await login(
      { ctx, openUrl: createBrowserOpener(ctx.env, ctx.platform, ctx.debug) },
      { session: setup.session, home: setup.home, oidc: oidcTarget(setup.endpoints, setup.session.region), choice, signal: controller.signal },
    );
    const how = result.fromOtherProcess ? ' (by another awsctl that was signing in at the same time)' : '';
    ctx.stderr.write(`Signed in to ${sessionLabel(setup.session)}${how}; the token is valid until ${result.token.expiresAt}.\n`);
    return ExitCode.ok;
  } finally {
    detach();
  }
}
