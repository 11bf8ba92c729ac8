// `awsctl login`: choose the flow, hold the session's lock (so that many processes that need a
// sign-in at once open one browser: the others wait and then find the new token), reuse or make
// the client registration, run the flow, and write the token file atomically, 0600, in the
// AWS CLI v2's format and place. Nothing is written before a token arrives.
import type { DeviceAuthorization } from '../aws/sso-oidc.ts';
import type { ServiceTarget } from '../aws/types.ts';
import { lockPathFor, withLock } from '../cache/lock.ts';
import { parseCacheTimestamp } from '../cache/credential-cache.ts';
import { readSsoToken, ssoTokenPath, writeSsoToken } from '../cache/sso-token-cache.ts';
import type { SsoToken } from '../cache/sso-token-cache.ts';
import type { Context } from '../io/context.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import { abortable, cancelledError } from '../io/abort.ts';
import type { BrowserAvailability, UrlOpener } from '../io/browser.ts';
import { runDeviceFlow } from './device-flow.ts';
import type { DevicePoll } from './device-flow.ts';
import { runPkceFlow } from './pkce-flow.ts';
import { obtainRegistration, REGISTRATION_EXPIRY_WINDOW_SECONDS, tokenRecord } from './registration.ts';
import type { LoginFlow } from './registration.ts';
import { sessionLabel } from './session.ts';
import type { SsoSessionConfig } from './session.ts';
import { startSpinner } from '../io/spinner.ts';

interface FlowChoice {
  flow: LoginFlow;
  openBrowser: boolean;
  /** Why the device code flow, for people. */
  reason?: string;
}

/** Pure: PKCE where a browser here can reach our loopback server, else the device code flow. */
export function chooseLoginFlow(input: { legacy: boolean; useDeviceCode: boolean; noBrowser: boolean; availability: BrowserAvailability }): FlowChoice {
  const { availability } = input;
  if (input.noBrowser) return { flow: 'device', openBrowser: false, reason: '--no-browser was given' };
  if (input.useDeviceCode) return { flow: 'device', openBrowser: availability.canOpen, reason: '--use-device-code was given' };
  if (!availability.canOpen) return { flow: 'device', openBrowser: false, reason: availability.reason };
  // As in the AWS CLI v2: the authorization code flow needs an sso-session (legacy profiles get no refresh token).
  if (input.legacy) return { flow: 'device', openBrowser: true, reason: 'legacy profiles (sso_start_url in the profile) use the device code flow' };
  return { flow: 'pkce', openBrowser: true };
}

interface LoginRequest {
  session: SsoSessionConfig;
  home: string;
  oidc: ServiceTarget;
  choice: FlowChoice;
  signal?: AbortSignal;
  callbackTimeoutMs?: number;
  /** How long to wait for another process's sign-in (default 11 minutes: its browser wait plus a margin). */
  lockTimeoutMs?: number;
}

interface LoginDeps {
  ctx: Context;
  openUrl: UrlOpener;
  onPoll?: (poll: DevicePoll) => void;
}

interface LoginResult {
  token: SsoToken;
  path: string;
  flow: LoginFlow;
  /** Another awsctl signed in while we waited for the lock; its token is used. */
  fromOtherProcess: boolean;
}

function isFreshToken(token: SsoToken | undefined, now: Date): token is SsoToken {
  const end = token && parseCacheTimestamp(token.expiresAt);
  return end !== undefined && (end.getTime() - now.getTime()) / 1000 > REGISTRATION_EXPIRY_WINDOW_SECONDS;
}

async function openOrSay(deps: LoginDeps, url: string, open: boolean): Promise<void> {
  if (!open) return;
  const opened = await deps.openUrl(url);
  if (!opened) deps.ctx.stderr.write('Could not open a browser; open the address above yourself.\n');
}

function devicePrompt(deps: LoginDeps, request: LoginRequest) {
  return async (authorization: DeviceAuthorization): Promise<void> => {
    const label = sessionLabel(request.session);
    const complete = authorization.verificationUriComplete;
    // The address and code are the server's words: shown inert.
    deps.ctx.stderr.write(
      `To sign in to ${label}, open this address in a browser on any device:\n\n  ${terminalSafe(authorization.verificationUri)}\n\n` +
        `and enter the code:\n\n  ${terminalSafe(authorization.userCode)}\n\n${complete ? `(or open ${terminalSafe(complete)}, which fills in the code)\n\n` : ''}`,
    );
    await openOrSay(deps, complete ?? authorization.verificationUri, request.choice.openBrowser);
  };
}

function pkcePrompt(deps: LoginDeps, request: LoginRequest) {
  return async (url: string): Promise<void> => {
    deps.ctx.stderr.write(`Opening the sign-in page for ${sessionLabel(request.session)} in your browser. If it does not open, visit:\n\n  ${url}\n\n`);
    await openOrSay(deps, url, request.choice.openBrowser);
  };
}

async function signIn(deps: LoginDeps, request: LoginRequest): Promise<SsoToken> {
  const { ctx } = deps;
  const { session, choice } = request;
  if (choice.reason) ctx.debug(`sso: device code flow because ${choice.reason}`);
  const registration = await obtainRegistration({ call: ctx, fs: ctx.fs, oidc: request.oidc, home: request.home }, session, choice.flow);
  let spinner = { stop: () => {} };
  const waiting = () => {
    spinner = startSpinner(ctx.stderr, 'Waiting for the sign-in to be approved… (Ctrl-C to cancel)');
  };
  try {
    const result =
      choice.flow === 'pkce'
        ? await runPkceFlow(
            {
              call: ctx,
              oidc: request.oidc,
              signal: request.signal,
              timeoutMs: request.callbackTimeoutMs,
              prompt: async (url) => (await pkcePrompt(deps, request)(url), waiting()),
            },
            registration,
            session.registrationScopes,
          )
        : await runDeviceFlow(
            {
              call: ctx,
              oidc: request.oidc,
              signal: request.signal,
              onPoll: deps.onPoll,
              prompt: async (auth) => (await devicePrompt(deps, request)(auth), waiting()),
            },
            session.startUrl,
            registration,
          );
    return tokenRecord(session, registration, result, ctx.now());
  } finally {
    spinner.stop();
  }
}

export async function login(deps: LoginDeps, request: LoginRequest): Promise<LoginResult> {
  const { ctx } = deps;
  const path = ssoTokenPath(request.home, { sessionName: request.session.sessionName, startUrl: request.session.startUrl });
  const before = readSsoToken(ctx.fs, path)?.accessToken;
  let waited = false;
  const locked = withLock(
    lockPathFor(path),
    async (): Promise<LoginResult> => {
      if (request.signal?.aborted) throw cancelledError();
      const current = readSsoToken(ctx.fs, path);
      if (waited && current && current.accessToken !== before && isFreshToken(current, ctx.now())) {
        return { token: current, path, flow: request.choice.flow, fromOtherProcess: true };
      }
      const token = await signIn(deps, request);
      writeSsoToken(ctx.fs, path, token);
      return { token, path, flow: request.choice.flow, fromOtherProcess: false };
    },
    {
      timeoutMs: request.lockTimeoutMs ?? 11 * 60 * 1000,
      onWait: () => {
        waited = true;
        ctx.stderr.write(`Another awsctl is signing in to ${sessionLabel(request.session)}; waiting for it to finish…\n`);
      },
    },
  );
  return abortable(locked, request.signal);
}
