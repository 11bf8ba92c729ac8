// The device authorization flow (RFC 8628 as SSO-OIDC implements it): StartDeviceAuthorization,
// show the verification URL and user code, then poll CreateToken waiting `interval` seconds
// (5 when the service gives none) before each poll. authorization_pending → keep polling;
// slow_down → the interval grows by 5 s for the rest of the flow; expired_token → the code
// expired; access_denied → the person said no. The code's own lifetime (expiresIn) bounds the
// whole loop, so a service that answers "pending" forever cannot hold us forever.
import { AwsctlError } from '../errors.ts';
import { createToken, DEVICE_CODE_GRANT, OAUTH_ERRORS, startDeviceAuthorization } from '../aws/sso-oidc.ts';
import type { DeviceAuthorization, TokenResult } from '../aws/sso-oidc.ts';
import { isAwsServiceError } from '../aws/service-error.ts';
import type { AwsCallContext, ServiceTarget } from '../aws/types.ts';
import type { SsoRegistration } from '../cache/sso-token-cache.ts';
import { abortable } from '../io/abort.ts';

const DEFAULT_POLL_INTERVAL_SECONDS = 5;
const SLOW_DOWN_STEP_SECONDS = 5;

export interface DevicePoll {
  /** 1-based. */
  number: number;
  /** The wait before this poll, in seconds. */
  intervalSeconds: number;
  answer: 'token' | string;
}

interface DeviceFlowDeps {
  call: AwsCallContext;
  oidc: ServiceTarget;
  /** Shows the URL and code (and opens the browser when wanted). */
  prompt: (authorization: DeviceAuthorization) => Promise<void>;
  signal?: AbortSignal;
  onPoll?: (poll: DevicePoll) => void;
}

/** What a failed poll means: keep going (with the interval to use next) or stop with this error. */
export function pollOutcome(error: unknown, intervalSeconds: number, startUrl: string): { continueWith: number } | { stop: unknown } {
  const oauth = isAwsServiceError(error) ? (error.oauthError ?? oauthFromCode(error.code)) : undefined;
  switch (oauth) {
    case OAUTH_ERRORS.authorizationPending:
      return { continueWith: intervalSeconds };
    case OAUTH_ERRORS.slowDown:
      return { continueWith: intervalSeconds + SLOW_DOWN_STEP_SECONDS };
    case OAUTH_ERRORS.expiredToken:
      return { stop: codeExpired(startUrl) };
    case OAUTH_ERRORS.accessDenied:
      return { stop: new AwsctlError('sign-in failed', `the request was denied at ${startUrl}`, { hint: 'run login again and approve the request' }) };
    default:
      return { stop: error };
  }
}

function oauthFromCode(code: string): string | undefined {
  const byCode: Record<string, string> = {
    AuthorizationPendingException: OAUTH_ERRORS.authorizationPending,
    SlowDownException: OAUTH_ERRORS.slowDown,
    ExpiredTokenException: OAUTH_ERRORS.expiredToken,
    AccessDeniedException: OAUTH_ERRORS.accessDenied,
  };
  return byCode[code];
}

function codeExpired(startUrl: string): AwsctlError {
  return new AwsctlError('sign-in failed', `the code expired before the request was approved at ${startUrl}`, { hint: 'the code expired, run login again' });
}

export async function runDeviceFlow(deps: DeviceFlowDeps, startUrl: string, registration: SsoRegistration): Promise<TokenResult> {
  const { call, oidc } = deps;
  const client = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  const authorization = await startDeviceAuthorization(call, oidc, { ...client, startUrl });
  const deadline = call.now().getTime() + authorization.expiresIn * 1000;
  await deps.prompt(authorization);
  let intervalSeconds = authorization.interval > 0 ? authorization.interval : DEFAULT_POLL_INTERVAL_SECONDS;
  for (let number = 1; ; number++) {
    await abortable(call.sleep(intervalSeconds * 1000), deps.signal);
    if (call.now().getTime() >= deadline) throw codeExpired(startUrl);
    try {
      const token = await createToken(call, oidc, { grantType: DEVICE_CODE_GRANT, ...client, deviceCode: authorization.deviceCode });
      deps.onPoll?.({ number, intervalSeconds, answer: 'token' });
      return token;
    } catch (error) {
      const outcome = pollOutcome(error, intervalSeconds, startUrl);
      deps.onPoll?.({ number, intervalSeconds, answer: isAwsServiceError(error) ? (error.oauthError ?? error.code) : 'error' });
      if ('stop' in outcome) throw outcome.stop;
      if (outcome.continueWith !== intervalSeconds) call.debug(`sso: slow_down: polling every ${outcome.continueWith} s from now on`);
      intervalSeconds = outcome.continueWith;
    }
  }
}
