// A fake IAM Identity Center OIDC service: RegisterClient, StartDeviceAuthorization, CreateToken
// (device code with a scripted run of authorization_pending / slow_down answers, authorization
// code with a real S256 PKCE check, refresh token), and GET /authorize, which plays the browser's
// part: it answers 302 to the redirect URI with a code and the state, as the real page does after
// the user approves. Tokens it issues are added to `accessTokens`, which the fake portal trusts.
import { createHash } from 'node:crypto';
import { json, startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export type PollAnswer = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied';

export interface FakeSsoOidc extends FakeServer {
  /** Answers to the next device-code CreateToken polls, consumed in order; then success. */
  devicePollSequence: PollAnswer[];
  /** Access tokens issued (shared with the fake portal). */
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  clients: Map<string, { secret: string; redirectUris: string[]; grantTypes: string[] }>;
  /** Seconds; the access token lifetime reported by CreateToken. */
  tokenLifetime: number;
}

export interface FakeSsoOidcOptions extends ServerOptions {
  now?: () => Date;
  accessTokens?: Set<string>;
}

const exceptionNames: Record<string, string> = {
  authorization_pending: 'AuthorizationPendingException',
  slow_down: 'SlowDownException',
  expired_token: 'ExpiredTokenException',
  access_denied: 'AccessDeniedException',
  invalid_grant: 'InvalidGrantException',
  invalid_client: 'InvalidClientException',
  invalid_request: 'InvalidRequestException',
  unsupported_grant_type: 'UnsupportedGrantTypeException',
};

export function oidcError(error: string, description: string, status = 400): Reply {
  return json(
    status,
    { error, error_description: description },
    { 'x-amzn-errortype': `${exceptionNames[error] ?? 'InvalidRequestException'}:http://internal.amazon.com/coral/com.amazonaws.ssooidc/` },
  );
}

/**
 * RFC 8252 §7.3: a loopback redirect URI matches whatever port the client picks at sign-in time
 * (the AWS CLI registers http://127.0.0.1/oauth/callback and listens on a random port).
 */
export function redirectMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  try {
    const a = new URL(registered);
    const b = new URL(requested);
    return (
      a.protocol === 'http:' &&
      a.hostname === '127.0.0.1' &&
      b.protocol === 'http:' &&
      b.hostname === '127.0.0.1' &&
      a.pathname === b.pathname &&
      a.search === b.search
    );
  } catch {
    return false;
  }
}

export async function startFakeSsoOidc(options: FakeSsoOidcOptions = {}): Promise<FakeSsoOidc> {
  const now = options.now ?? (() => new Date());
  const deviceCodes = new Map<string, string>(); // deviceCode → clientId
  const authCodes = new Map<string, { clientId: string; challenge: string; redirectUri: string }>();
  let counter = 0;
  let fake: FakeSsoOidc;
  const next = () => ++counter;

  function tokens(rotateFrom?: string): Reply {
    const n = next();
    const accessToken = `fake-access-token-${n}`;
    const refreshToken = `fake-refresh-token-${n}`;
    fake.accessTokens.add(accessToken);
    if (rotateFrom) fake.refreshTokens.delete(rotateFrom);
    fake.refreshTokens.add(refreshToken);
    return json(200, { accessToken, tokenType: 'Bearer', expiresIn: fake.tokenLifetime, refreshToken, idToken: `fake-id-token-${n}` });
  }

  function createToken(body: Record<string, unknown>): Reply {
    const client = fake.clients.get(String(body.clientId));
    if (!client || client.secret !== body.clientSecret) return oidcError('invalid_client', 'Invalid client', 401);
    switch (body.grantType) {
      case 'urn:ietf:params:oauth:grant-type:device_code': {
        if (deviceCodes.get(String(body.deviceCode)) !== body.clientId) return oidcError('invalid_grant', 'Invalid device code');
        const answer = fake.devicePollSequence.shift();
        if (answer) return oidcError(answer, `fake: ${answer}`);
        deviceCodes.delete(String(body.deviceCode));
        return tokens();
      }
      case 'authorization_code': {
        const grant = authCodes.get(String(body.code));
        if (!grant || grant.clientId !== body.clientId) return oidcError('invalid_grant', 'Invalid authorization code');
        if (grant.redirectUri !== body.redirectUri) return oidcError('invalid_grant', 'redirect URI mismatch');
        const challenge = createHash('sha256')
          .update(String(body.codeVerifier ?? ''))
          .digest('base64url');
        if (challenge !== grant.challenge) return oidcError('invalid_grant', 'PKCE verification failed');
        authCodes.delete(String(body.code));
        return tokens();
      }
      case 'refresh_token':
        if (!fake.refreshTokens.has(String(body.refreshToken))) return oidcError('invalid_grant', 'Invalid refresh token');
        return tokens(String(body.refreshToken));
      default:
        return oidcError('unsupported_grant_type', `Unsupported grant type ${String(body.grantType)}`);
    }
  }

  function authorize(query: Record<string, string>): Reply {
    const client = fake.clients.get(query.client_id ?? '');
    if (!client || query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge)
      return { status: 400, body: 'bad authorize request' };
    if (!client.redirectUris.some((registered) => redirectMatches(registered, query.redirect_uri ?? '')))
      return { status: 400, body: 'redirect_uri not registered' };
    const code = `fake-auth-code-${next()}`;
    authCodes.set(code, { clientId: query.client_id!, challenge: query.code_challenge, redirectUri: query.redirect_uri! });
    const target = new URL(query.redirect_uri!);
    target.searchParams.set('code', code);
    target.searchParams.set('state', query.state ?? '');
    return { status: 302, headers: { location: target.toString() } };
  }

  function handle(request: RecordedRequest): Reply {
    if (request.method === 'GET' && request.path === '/authorize') return authorize(request.query);
    if (request.method !== 'POST') return oidcError('invalid_request', 'POST expected');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body || '{}') as Record<string, unknown>;
    } catch {
      return oidcError('invalid_request', 'body is not JSON');
    }
    switch (request.path) {
      case '/client/register': {
        if (typeof body.clientName !== 'string' || body.clientType !== 'public')
          return oidcError('invalid_request', 'clientName and clientType=public required');
        const n = next();
        const clientId = `fake-client-${n}`;
        const clientSecret = `fake-client-secret-${n}`;
        fake.clients.set(clientId, {
          secret: clientSecret,
          redirectUris: (body.redirectUris as string[]) ?? [],
          grantTypes: (body.grantTypes as string[]) ?? [],
        });
        const issued = Math.floor(now().getTime() / 1000);
        return json(200, { clientId, clientSecret, clientIdIssuedAt: issued, clientSecretExpiresAt: issued + 90 * 86400 });
      }
      case '/device_authorization': {
        const client = fake.clients.get(String(body.clientId));
        if (!client || client.secret !== body.clientSecret) return oidcError('invalid_client', 'Invalid client', 401);
        if (typeof body.startUrl !== 'string') return oidcError('invalid_request', 'startUrl required');
        const deviceCode = `fake-device-code-${next()}`;
        deviceCodes.set(deviceCode, String(body.clientId));
        return json(200, {
          deviceCode,
          userCode: 'FAKE-CODE',
          verificationUri: `${fake.url}/device`,
          verificationUriComplete: `${fake.url}/device?user_code=FAKE-CODE`,
          expiresIn: 600,
          interval: 1,
        });
      }
      case '/token':
        return createToken(body);
      default:
        return oidcError('invalid_request', `no route ${request.path}`, 404);
    }
  }

  const server = await startFakeServer(handle, options);
  fake = Object.assign(server, {
    devicePollSequence: [] as PollAnswer[],
    accessTokens: options.accessTokens ?? new Set<string>(),
    refreshTokens: new Set<string>(),
    clients: new Map(),
    tokenLifetime: 28800,
  });
  return fake;
}
