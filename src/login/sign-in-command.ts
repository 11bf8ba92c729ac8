// The `awsctl login` use case for console credentials: sign in (console-sign-in.ts), ask before
// replacing a different session in the profile, save the session file under its lock, then
// point the profile at it. Nothing is written before the sign-in succeeded and was accepted.
import { resolveSigninEndpoint } from '../plan/signin-endpoint.ts';
import { lockPathFor, withLock } from '../cache/lock.ts';
import { loginSessionPath, writeLoginSession } from '../cache/login-session-cache.ts';
import { loginCacheDir } from '../profile/locations.ts';
import { AwsctlError, ExitCode } from '../errors.ts';
import { setProperty } from '../ini/edit.ts';
import type { IniDocument } from '../ini/types.ts';
import type { Context } from '../io/context.ts';
import { resolveRetrySettings } from '../plan/retry.ts';
import { editProfileFiles } from '../profile/edit-files.ts';
import type { LoadedProfiles } from '../profile/load.ts';
import { browserAvailability, createBrowserOpener } from '../io/browser.ts';
import { consoleSignIn } from './console-sign-in.ts';

interface ConsoleLoginRequest {
  files: LoadedProfiles;
  profile: string;
  region: string;
  regionWasAsked: boolean;
  existingSession?: string;
  /** --remote or --no-browser: the cross-device flow. SSH or no display chooses it too. */
  remote: boolean;
  /** Aborts the browser wait (Ctrl-C); nothing has been written at that point. */
  signal?: AbortSignal;
}

export async function signInWithConsole(ctx: Context, request: ConsoleLoginRequest): Promise<number> {
  const { files, profile } = request;
  const dir = loginCacheDir(ctx.env, files.locations.home, ctx.platform);
  if (dir === undefined)
    throw new AwsctlError('cannot sign in', 'no home directory is known for the login cache', { hint: 'set HOME or AWS_LOGIN_CACHE_DIRECTORY' });
  const section = files.set.profiles[profile];
  const endpoint = resolveSigninEndpoint(request.region, { env: ctx.env, profile: section, services: files.set.services });
  const retry = resolveRetrySettings({ env: ctx.env, profile: section });
  const availability = browserAvailability(ctx.env, ctx.platform);
  const remote = request.remote || !availability.canOpen;
  if (remote && !request.remote) ctx.stderr.write(`Signing in on another device, because ${availability.reason}.\n`);
  const openUrl = createBrowserOpener(ctx.env, ctx.platform, ctx.debug);
  const signedIn = await consoleSignIn(
    {
      call: ctx,
      signal: request.signal,
      askCode: (message) => ctx.prompt.text(message),
      show: async (url, onOtherDevice) => {
        ctx.stderr.write(
          onOtherDevice
            ? `Open this address in a browser on any device, sign in, and paste the code it shows:\n\n  ${url}\n\n`
            : `Opening the AWS sign-in page in your browser. If it does not open, visit:\n\n  ${url}\n\n`,
        );
        if (!onOtherDevice && !(await openUrl(url))) ctx.stderr.write('Could not open a browser; open the address above yourself.\n');
      },
    },
    { base: endpoint.url, target: { endpoint: endpoint.url, retry: { mode: retry.mode, maxAttempts: retry.maxAttempts } }, region: request.region, remote },
  );
  if (request.existingSession !== undefined && request.existingSession !== signedIn.sessionArn) {
    const replace = await ctx.prompt.confirm(`Profile ${profile} uses session ${request.existingSession}. Replace it with ${signedIn.sessionArn}?`);
    if (!replace) {
      ctx.stderr.write(`Kept profile ${profile} as it was; the new session was not saved.\n`);
      return ExitCode.failure;
    }
  }
  const path = loginSessionPath(dir, signedIn.sessionArn);
  await withLock(lockPathFor(path), async () => writeLoginSession(ctx.fs, path, signedIn.file));
  const ref = { file: 'config' as const, type: 'profile' as const, name: profile };
  await editProfileFiles(
    ctx,
    {
      config: (doc: IniDocument) => {
        const withSession = setProperty(doc, ref, 'login_session', signedIn.sessionArn);
        return request.regionWasAsked ? setProperty(withSession, ref, 'region', request.region) : withSession;
      },
    },
    { locations: files.locations },
  );
  ctx.stderr.write(
    `Signed in as ${signedIn.sessionArn}. Profile ${profile} now uses this session; its keys refresh automatically until the session ends (up to 12 hours).\n`,
  );
  return ExitCode.ok;
}
