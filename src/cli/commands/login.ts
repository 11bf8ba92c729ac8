// `awsctl login [--profile P] [--remote]`: signs in the way the profile is configured.
// SSO profiles (or --sso-session) go to IAM Identity Center (`sso login`); a login_session
// profile, or one with no credential settings yet, signs in with console credentials (`aws
// login`): browser on this device through a loopback redirect, or on another device (--remote,
// or automatically over SSH / without a display) with a code to paste. The session file is
// written (0600, under the session's lock), then the profile gets `login_session` (and `region`
// when it had to be asked). People's text on stderr; stdout stays empty.
import { AwsctlError } from '../../errors.ts';
import type { Context } from '../../io/context.ts';
import { loadProfilesOnce } from '../../profile/load-once.ts';
import { selectProfile } from '../../plan/planner.ts';
import { resolveRegion } from '../../plan/region.ts';
import { routeLogin } from '../../login/route.ts';
import type { CommandInput } from '../action.ts';

export async function run(ctx: Context, input: CommandInput): Promise<number> {
  const files = loadProfilesOnce(ctx, input.global.profile);
  const selected = selectProfile(input.global.profile, ctx.env);
  const profile = selected.name;
  const route = routeLogin(files.set.profiles[profile], {
    ssoSessionFlag: typeof input.options.ssoSession === 'string',
    onlySsoSession: selected.origin === 'default' && Object.keys(files.set.ssoSessions).length === 1,
  });
  if (route.kind === 'sso') return (await import('./sso-login.ts')).run(ctx, input);
  if (route.kind === 'refuse') {
    throw new AwsctlError(
      `cannot sign in to profile ${profile}`,
      `it is already configured with ${route.credentials} credentials, which would win over a login session`,
      {
        hint: `run \`awsctl login --profile <new-name>\` to make a new profile, or remove those settings from ${profile} first`,
        profile,
      },
    );
  }
  if (!ctx.interactive) {
    throw new AwsctlError('cannot sign in', 'signing in needs a person to approve it in a browser, and --no-input was given', {
      hint: 'run `awsctl login` without --no-input in a terminal',
    });
  }
  const configured = resolveRegion({ flag: input.global.region, env: ctx.env, profile: files.set.profiles[profile] }).region;
  const region = configured ?? ((await ctx.prompt.text('AWS Region to sign in to (where your resources are; e.g. us-east-1)')).trim() || 'us-east-1');
  const [{ signInWithConsole }, { onInterrupt }] = await Promise.all([import('../../login/sign-in-command.ts'), import('./sso-login.ts')]);
  const controller = new AbortController();
  const detach = onInterrupt(controller);
  try {
    return await signInWithConsole(ctx, {
      files,
      profile,
      region,
      regionWasAsked: configured === undefined,
      existingSession: route.existingSession,
      remote: input.options.remote === true || input.options.browser === false,
      signal: controller.signal,
    });
  } finally {
    detach();
  }
}
