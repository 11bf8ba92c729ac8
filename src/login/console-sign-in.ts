// Signing in with console credentials (`aws login`): OAuth authorization code with PKCE against
// AWS Sign-In, the token bound to a new EC P-256 key by DPoP. As the AWS CLI does it
// (awscli/customizations/login/utils.py):
// - same device: client arn:aws:signin:::devtools/same-device, redirect to a loopback server on
//   127.0.0.1 (the SSO one, src/io/loopback-server.ts), state checked there;
// - other device (--remote, SSH): client …/cross-device, redirect {base}/v1/sessions/confirmation,
//   where the browser shows base64("state=…&code=…") for the person to paste here.
// The authorize URL carries response_type, client_id, state, code_challenge_method=SHA-256,
// scope=openid, redirect_uri (percent-encoded, in that order), then the challenge: base64url of
// sha256(verifier) without padding. The verifier is 64 characters of [A-Za-z0-9-._~].
import type { KeyObject } from 'node:crypto';
import { dpopKeyPem, generateDpopKey } from '../aws/dpop.ts';
import { createOAuth2Token, CROSS_DEVICE_CLIENT_ID, SAME_DEVICE_CLIENT_ID, type TokenOutput } from '../aws/signin.ts';
import type { AwsCallContext, ServiceTarget } from '../aws/types.ts';
import { formatUtcZ } from '../cache/credential-cache.ts';
import type { LoginSessionFile } from '../cache/login-session-cache.ts';
import { AwsctlError } from '../errors.ts';
import { abortable } from '../io/abort.ts';
import { startCallbackServer } from '../io/loopback-server.ts';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
const crypto = () => process.getBuiltinModule('node:crypto');

interface PkceRequest {
  verifier: string;
  challenge: string;
  state: string;
}

function newPkceRequest(): PkceRequest {
  const verifier = Array.from({ length: 64 }, () => VERIFIER_ALPHABET[crypto().randomInt(VERIFIER_ALPHABET.length)]).join('');
  return { verifier, challenge: crypto().createHash('sha256').update(verifier).digest('base64url'), state: crypto().randomUUID() };
}

/** Pure: the authorize URL, encoded as the AWS CLI encodes it. */
export function authorizeUrl(base: string, clientId: string, pkce: Pick<PkceRequest, 'state' | 'challenge'>, redirectUri: string): string {
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', clientId],
    ['state', pkce.state],
    ['code_challenge_method', 'SHA-256'],
    ['scope', 'openid'],
    ['redirect_uri', redirectUri],
  ];
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  return `${base}/v1/authorize?${query}&code_challenge=${pkce.challenge}`;
}

/** Pure: what the cross-device page shows, base64 of `state=…&code=…`, back into its parts. */
function parseVerificationCode(text: string): { code: string; state: string } {
  const trimmed = text.trim();
  const decoded = /^[A-Za-z0-9+/=_-]+$/.test(trimmed) ? Buffer.from(trimmed, 'base64').toString('utf8') : '';
  const params = new URLSearchParams(decoded);
  const code = params.get('code');
  const state = params.get('state');
  if (!code || !state)
    throw new AwsctlError('sign-in failed', 'that is not the code the sign-in page shows (base64 of state and code)', {
      hint: 'copy the whole code from the browser and paste it again',
    });
  return { code, state };
}

/** The session ARN (`sub`) of the ID token the code exchange returns. */
function sessionArnOf(idToken: string | undefined): { sessionArn: string; accountId: string } {
  const payload = idToken?.split('.')[1];
  let sub: unknown;
  try {
    sub = payload ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub : undefined;
  } catch {
    sub = undefined;
  }
  const account = typeof sub === 'string' ? /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(sub)?.[1] : undefined;
  if (typeof sub !== 'string' || !account)
    throw new AwsctlError('sign-in failed', 'the sign-in service did not say which session this is (no usable ID token)', {
      hint: 'try again; if it repeats, sign in with the AWS CLI and report it',
    });
  return { sessionArn: sub, accountId: account };
}

interface ConsoleSignInDeps {
  call: AwsCallContext;
  /** Asks for the pasted code (cross device). */
  askCode: (message: string) => Promise<string>;
  /** Shows the URL (and opens a browser on the same device). */
  show: (url: string, remote: boolean) => Promise<void>;
  signal?: AbortSignal;
  callbackTimeoutMs?: number;
}

interface ConsoleSignInRequest {
  /** Sign-in base URL for the region (src/plan/signin-endpoint.ts). */
  base: string;
  target: ServiceTarget;
  region: string;
  remote: boolean;
}

interface SignedIn {
  sessionArn: string;
  file: LoginSessionFile;
}

async function authorizationCode(
  deps: ConsoleSignInDeps,
  request: ConsoleSignInRequest,
  pkce: PkceRequest,
): Promise<{ code: string; redirectUri: string; clientId: string }> {
  if (request.remote) {
    const redirectUri = `${request.base}/v1/sessions/confirmation`;
    await deps.show(authorizeUrl(request.base, CROSS_DEVICE_CLIENT_ID, pkce, redirectUri), true);
    const pasted = parseVerificationCode(await abortable(deps.askCode('Enter the authorization code displayed in your browser'), deps.signal));
    if (pasted.state !== pkce.state)
      throw new AwsctlError('sign-in failed', 'the code belongs to another sign-in (its state does not match)', {
        hint: 'use the code from the page this sign-in opened',
      });
    return { code: pasted.code, redirectUri, clientId: CROSS_DEVICE_CLIENT_ID };
  }
  const server = await startCallbackServer(pkce.state, deps.callbackTimeoutMs);
  try {
    await deps.show(authorizeUrl(request.base, SAME_DEVICE_CLIENT_ID, pkce, server.redirectUri), false);
    const code = await abortable(server.code, deps.signal);
    return { code, redirectUri: server.redirectUri, clientId: SAME_DEVICE_CLIENT_ID };
  } finally {
    await server.close();
  }
}

function sessionFile(output: TokenOutput, clientId: string, key: KeyObject, accountId: string, region: string, now: Date): LoginSessionFile {
  return {
    accessToken: {
      accessKeyId: output.accessKeyId,
      secretAccessKey: output.secretAccessKey,
      sessionToken: output.sessionToken,
      accountId,
      expiresAt: formatUtcZ(new Date(now.getTime() + output.expiresIn * 1000)),
    },
    tokenType: output.tokenType ?? 'aws_sigv4',
    clientId,
    refreshToken: output.refreshToken,
    idToken: output.idToken,
    dpopKey: dpopKeyPem(key),
    signInRegion: region,
  };
}

/** Runs the browser step and the code exchange; returns the session file to save (nothing is written here). */
export async function consoleSignIn(deps: ConsoleSignInDeps, request: ConsoleSignInRequest): Promise<SignedIn> {
  const key = generateDpopKey();
  const pkce = newPkceRequest();
  const grant = await authorizationCode(deps, request, pkce);
  deps.call.debug('login: the browser step is done; exchanging the authorization code');
  let output: TokenOutput;
  try {
    output = await createOAuth2Token(deps.call, request.target, key, {
      grantType: 'authorization_code',
      clientId: grant.clientId,
      code: grant.code,
      codeVerifier: pkce.verifier,
      redirectUri: grant.redirectUri,
    });
  } catch (error) {
    const reason = (error as { oauthError?: unknown }).oauthError;
    if (reason === 'AUTHCODE_EXPIRED')
      throw new AwsctlError('sign-in failed', 'the authorization code expired before it was used', {
        hint: 'run awsctl login again and finish within a few minutes',
        cause: error,
      });
    if (reason === 'INSUFFICIENT_PERMISSIONS')
      throw new AwsctlError('sign-in failed', 'the signed-in identity may not create sessions for developer tools (signin:CreateOAuth2Token)', {
        hint: 'attach the AWS managed policy SignInLocalDevelopmentAccess, then sign in again',
        cause: error,
      });
    throw error;
  }
  const { sessionArn, accountId } = sessionArnOf(output.idToken);
  return { sessionArn, file: sessionFile(output, grant.clientId, key, accountId, request.region, deps.call.now()) };
}
