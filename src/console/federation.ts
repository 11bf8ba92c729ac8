// The AWS federation endpoint, as "Enable custom identity broker access to the AWS console"
// (IAM User Guide) documents it: temporary credentials go in a JSON session string to
// `<sign-in base>/federation` with Action=getSigninToken, which answers {"SigninToken": …};
// the console is then reached through `<sign-in base>/federation?Action=login&Issuer=…&
// Destination=…&SigninToken=…`.
//
// Unlike the page's examples, the token request is a POST with the session in the form body:
// a GET would put the secret key and session token in a URL, where proxies and logs keep them.
// The sign-in token and the login URL are bearer credentials: nothing here logs them.
import type { AwsCredentials } from '../aws/types.ts';
import { DEFAULT_SERVICE_TIMEOUT_MS, joinUrl, type AwsCallContext } from '../aws/types.ts';
import { AwsctlError } from '../errors.ts';

const ISSUER = 'awsctl';

/** The documented SessionDuration range of getSigninToken (15 minutes to 12 hours). */
export const SESSION_DURATION_RANGE = { min: 900, max: 43_200 } as const;

export function federationUrl(signinBase: string): string {
  return joinUrl(signinBase, '/federation');
}

/** {"sessionId": access key id, "sessionKey": secret key, "sessionToken": session token}. */
export function sessionJson(credentials: AwsCredentials): string {
  if (!credentials.sessionToken) throw new Error('sessionJson: the console needs temporary credentials');
  return JSON.stringify({ sessionId: credentials.accessKeyId, sessionKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken });
}

/** The form body of the token request; SessionDuration only when given. */
export function signinTokenRequestBody(credentials: AwsCredentials, sessionDuration?: number): string {
  const form = new URLSearchParams({ Action: 'getSigninToken' });
  if (sessionDuration !== undefined) form.set('SessionDuration', String(sessionDuration));
  form.set('Session', sessionJson(credentials));
  return form.toString();
}

/** The SigninToken of the endpoint's JSON answer. */
export function parseSigninToken(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    const token = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).SigninToken : undefined;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** <sign-in base>/federation?Action=login&Issuer=awsctl&Destination=…&SigninToken=… */
export function loginUrl(signinBase: string, destination: string, signinToken: string): string {
  const query = new URLSearchParams({ Action: 'login', Issuer: ISSUER, Destination: destination, SigninToken: signinToken });
  return `${federationUrl(signinBase)}?${query.toString()}`;
}

/**
 * The console's sign-out, going on to `next`: for people not in multi-session mode, whose
 * browser holds one console session at a time (sign-out then sign-in replaces it).
 */
export function logoutFirstUrl(signinBase: string, next: string): string {
  return `${joinUrl(signinBase, '/oauth')}?${new URLSearchParams({ Action: 'logout', redirect_uri: next }).toString()}`;
}

/** POSTs the session to the federation endpoint; the sign-in token it answers. */
export async function requestSigninToken(ctx: AwsCallContext, signinBase: string, credentials: AwsCredentials, sessionDuration?: number): Promise<string> {
  const url = federationUrl(signinBase);
  ctx.debug(`console: POST getSigninToken to ${url}${sessionDuration !== undefined ? ` with SessionDuration ${sessionDuration}` : ' without SessionDuration'}`);
  const response = await ctx.http.send({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
    body: signinTokenRequestBody(credentials, sessionDuration),
    timeoutMs: DEFAULT_SERVICE_TIMEOUT_MS,
  });
  // The answer is never quoted back: it would hold the token on success and could echo the session otherwise.
  if (response.status !== 200) {
    const hint =
      sessionDuration !== undefined
        ? 'the credentials may not allow a console session of that length; try again without --duration'
        : 'check that the credentials are still valid (awsctl whoami) and that the sign-in endpoint is right';
    throw new AwsctlError('console sign-in', `the federation endpoint ${url} answered HTTP ${response.status}`, { hint });
  }
  const token = parseSigninToken(response.body);
  if (token === undefined) {
    throw new AwsctlError('console sign-in', `the federation endpoint ${url} answered without a SigninToken`, {
      hint: 'check the sign-in endpoint (AWS_ENDPOINT_URL_SIGNIN, [services] signin)',
    });
  }
  return token;
}
