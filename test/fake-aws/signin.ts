// A fake AWS Sign-In service for one region, as `aws login` uses it:
// - POST /v1/token (CreateOAuth2Token, rest-json: the body is tokenInput, the answer tokenOutput)
//   checks every DPoP proof as the real service does: ES256 signature by the key in its own jwk
//   header, typ dpop+jwt, htm POST, htu = this endpoint's token URL, iat within 5 minutes, a jti
//   never seen before, and the key's thumbprint equal to the one the refresh token is bound to.
//   Refresh tokens rotate (the old one stops working), and a session refreshes only in the
//   region it was signed in to (INVALID_REQUEST otherwise). Errors carry `error` as the service's.
//   Reached through a CONNECT proxy as https://<region>.signin.aws.amazon.com (with a test CA),
//   the region is the one in the Host, as for the real service; reached directly, `region`.
// - GET /v1/authorize plays the sign-in page: it checks the request (client, PKCE method, scope,
//   redirect) and answers with a page whose "approve" link a scripted HTTP client follows.
//   GET /v1/authorize/approve then either redirects to the loopback redirect_uri with code and
//   state (same device) or shows the base64 code to paste (cross device).
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, verify, type KeyObject } from 'node:crypto';
import { json, startFakeServer, type FakeServer, type RecordedRequest, type Reply, type ServerOptions } from './server.ts';

export const SAME_DEVICE = 'arn:aws:signin:::devtools/same-device';
export const CROSS_DEVICE = 'arn:aws:signin:::devtools/cross-device';

interface Session {
  sessionArn: string;
  accountId: string;
  region: string;
  clientId: string;
  /** RFC 7638 thumbprint of the key the refresh token is bound to. */
  jkt: string;
}

interface PendingAuthorization {
  clientId: string;
  state: string;
  challenge: string;
  redirectUri: string;
}

export interface FakeSignin extends FakeServer {
  region: string;
  /** Successful and failed token calls, in order. */
  tokenCalls: Array<{ grantType: string; ok: boolean; error?: string }>;
  /** Seconds the issued access keys live (the real service: 900). */
  keyLifetime: number;
  /** The session ARN the authorize page signs in as. */
  signedInAs: string;
  /** Gives a session (as a cache file would hold it) bound to a new key; `region` defaults to the fake's. */
  seedSession(options?: { region?: string; sessionArn?: string; expiresAt?: string; key?: KeyObject }): {
    file: Record<string, unknown>;
    key: KeyObject;
    sessionArn: string;
  };
  /** Ends every session (TOKEN_EXPIRED from now on) or answers the next token call with an error. */
  expireAllSessions(): void;
  refuseNext(error: string, status?: number): void;
  /** The refresh tokens currently valid. */
  liveRefreshTokens(): string[];
}

export interface FakeSigninOptions extends ServerOptions {
  region?: string;
  now?: () => Date;
}

export function signinError(type: string, error: string, message: string, status: number): Reply {
  return json(status, { error, message }, { 'x-amzn-errortype': type });
}

const b64urlJson = (part: string): Record<string, unknown> => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

function thumbprint(jwk: Record<string, unknown>): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
    .digest('base64url');
}

/** The proof's key thumbprint, or why the proof is not acceptable. */
export function checkDpopProof(proof: string | undefined, expectedUrl: string, now: Date, seen: Set<string>): { jkt: string } | { why: string } {
  if (!proof) return { why: 'missing DPoP header' };
  const parts = proof.split('.');
  if (parts.length !== 3) return { why: 'DPoP proof is not a JWT' };
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = b64urlJson(parts[0]!);
    payload = b64urlJson(parts[1]!);
  } catch {
    return { why: 'DPoP proof parts are not base64url JSON' };
  }
  if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256') return { why: `bad header typ=${String(header.typ)} alg=${String(header.alg)}` };
  const jwk = header.jwk as Record<string, unknown> | undefined;
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) return { why: 'jwk is not a public P-256 key' };
  let ok = false;
  try {
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) }, format: 'jwk' });
    ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(parts[2]!, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) return { why: 'DPoP signature does not verify' };
  if (payload.htm !== 'POST') return { why: `htm ${String(payload.htm)}` };
  if (payload.htu !== expectedUrl) return { why: `htu ${String(payload.htu)} is not ${expectedUrl}` };
  if (typeof payload.iat !== 'number' || Math.abs(payload.iat - now.getTime() / 1000) > 300) return { why: `iat ${String(payload.iat)} is not fresh` };
  if (typeof payload.jti !== 'string' || payload.jti === '') return { why: 'missing jti' };
  if (seen.has(payload.jti)) return { why: 'jti replayed' };
  seen.add(payload.jti);
  return { jkt: thumbprint(jwk) };
}

function idToken(sessionArn: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES384', typ: 'JWT' })}.${part({ sub: sessionArn, aud: SAME_DEVICE, iss: 'https://signin.aws.amazon.com/signin' })}.${randomBytes(32).toString('base64url')}`;
}

const page = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<!doctype html><html><body>${body}</body></html>` });

export async function startFakeSignin(options: FakeSigninOptions = {}): Promise<FakeSignin> {
  const now = options.now ?? (() => new Date());
  const region = options.region ?? 'us-east-1';
  const sessions = new Map<string, Session>(); // refresh token → session
  const codes = new Map<string, PendingAuthorization & { sessionArn: string }>();
  const pending = new Map<string, PendingAuthorization>();
  const seenJti = new Set<string>();
  let refuse: Reply | undefined;
  let fake!: FakeSignin;

  const issue = (session: Session, grantType: string, withIdToken: boolean): Reply => {
    const refreshToken = `rt-${randomBytes(16).toString('hex')}`;
    sessions.set(refreshToken, session);
    fake.tokenCalls.push({ grantType, ok: true });
    const keys = {
      accessKeyId: `ASIASIGNIN${randomBytes(5).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(20).toString('base64'),
      sessionToken: randomBytes(40).toString('base64'),
    };
    return json(200, {
      accessToken: keys,
      tokenType: 'aws_sigv4',
      expiresIn: fake.keyLifetime,
      refreshToken,
      ...(withIdToken ? { idToken: idToken(session.sessionArn) } : {}),
    });
  };
  const fail = (grantType: string, reply: Reply, error: string): Reply => {
    fake.tokenCalls.push({ grantType, ok: false, error });
    return reply;
  };

  /** The region and token URL this request addressed (by its Host when it came as <region>.signin.aws.amazon.com). */
  const addressed = (request: RecordedRequest): { region: string; tokenUrl: string } => {
    const host = request.headers.host ?? '';
    const named = /^([a-z0-9-]+)\.signin\.aws\.amazon\.com$/.exec(host);
    return named ? { region: named[1]!, tokenUrl: `https://${host}/v1/token` } : { region, tokenUrl: `${fake.url}/v1/token` };
  };

  function token(request: RecordedRequest): Reply {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return fail('?', signinError('ValidationException', 'INVALID_REQUEST', 'body is not JSON', 400), 'INVALID_REQUEST');
    }
    const grantType = String(body.grantType);
    if (refuse) {
      const reply = refuse;
      refuse = undefined;
      return fail(grantType, reply, 'scripted');
    }
    const target = addressed(request);
    const proof = checkDpopProof(request.headers.dpop, target.tokenUrl, now(), seenJti);
    if ('why' in proof) return fail(grantType, signinError('ValidationException', 'INVALID_DPOP_PROOF', proof.why, 400), proof.why);
    if (grantType === 'refresh_token') {
      const session = sessions.get(String(body.refreshToken));
      if (!session) return fail(grantType, signinError('AccessDeniedException', 'TOKEN_EXPIRED', 'the refresh token is not valid', 401), 'TOKEN_EXPIRED');
      if (session.clientId !== body.clientId) return fail(grantType, signinError('ValidationException', 'INVALID_REQUEST', 'client mismatch', 400), 'client');
      if (session.region !== target.region)
        return fail(grantType, signinError('ValidationException', 'INVALID_REQUEST', 'Invalid request', 400), 'INVALID_REQUEST wrong region');
      if (session.jkt !== proof.jkt)
        return fail(grantType, signinError('ValidationException', 'INVALID_DPOP_PROOF', 'key does not match the token binding', 400), 'key binding');
      sessions.delete(String(body.refreshToken));
      return issue(session, grantType, false);
    }
    if (grantType === 'authorization_code') {
      const grant = codes.get(String(body.code));
      codes.delete(String(body.code));
      if (!grant) return fail(grantType, signinError('AccessDeniedException', 'AUTHCODE_EXPIRED', 'unknown or used code', 401), 'AUTHCODE_EXPIRED');
      const challenge = createHash('sha256').update(String(body.codeVerifier)).digest('base64url');
      if (challenge !== grant.challenge)
        return fail(grantType, signinError('ValidationException', 'INVALID_REQUEST', 'PKCE verifier does not match', 400), 'PKCE');
      if (grant.clientId !== body.clientId || grant.redirectUri !== body.redirectUri)
        return fail(grantType, signinError('ValidationException', 'INVALID_REQUEST', 'client or redirect mismatch', 400), 'redirect');
      const accountId = /::(\d{12}):/.exec(grant.sessionArn)?.[1] ?? '';
      return issue({ sessionArn: grant.sessionArn, accountId, region: target.region, clientId: grant.clientId, jkt: proof.jkt }, grantType, true);
    }
    return fail(grantType, signinError('ValidationException', 'INVALID_REQUEST', 'unknown grant', 400), 'grant');
  }

  function authorize(request: RecordedRequest): Reply {
    const q = request.query;
    const problems: string[] = [];
    if (q.response_type !== 'code') problems.push('response_type');
    if (q.client_id !== SAME_DEVICE && q.client_id !== CROSS_DEVICE) problems.push('client_id');
    if (q.code_challenge_method !== 'SHA-256') problems.push('code_challenge_method');
    if (q.scope !== 'openid') problems.push('scope');
    if (!/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')) problems.push('code_challenge');
    if (!q.state) problems.push('state');
    const expectedRedirect = q.client_id === CROSS_DEVICE ? `${fake.url}/v1/sessions/confirmation` : undefined;
    if (expectedRedirect ? q.redirect_uri !== expectedRedirect : !/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/.test(q.redirect_uri ?? ''))
      problems.push('redirect_uri');
    if (problems.length > 0) return { status: 400, headers: { 'content-type': 'text/plain' }, body: `bad authorize request: ${problems.join(', ')}` };
    const id = randomUUID();
    pending.set(id, { clientId: q.client_id!, state: q.state!, challenge: q.code_challenge!, redirectUri: q.redirect_uri! });
    return page(`<p>Sign in to the console to continue</p><a id="approve" href="/v1/authorize/approve?request=${id}">Approve</a>`);
  }

  function approve(request: RecordedRequest): Reply {
    const grant = pending.get(request.query.request ?? '');
    pending.delete(request.query.request ?? '');
    if (!grant) return { status: 404, body: 'no such request' };
    const code = `code-${randomBytes(12).toString('hex')}`;
    codes.set(code, { ...grant, sessionArn: fake.signedInAs });
    if (grant.clientId === CROSS_DEVICE) {
      const pasteable = Buffer.from(`state=${grant.state}&code=${code}`).toString('base64');
      return page(`<p>Enter this code in your terminal:</p><code id="verification-code">${pasteable}</code>`);
    }
    const target = new URL(grant.redirectUri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', grant.state);
    return { status: 302, headers: { location: target.toString() } };
  }

  const server = await startFakeServer((request) => {
    if (request.method === 'POST' && request.path === '/v1/token') return token(request);
    if (request.method === 'GET' && request.path === '/v1/authorize') return authorize(request);
    if (request.method === 'GET' && request.path === '/v1/authorize/approve') return approve(request);
    return { status: 404, body: 'not found' };
  }, options);
  fake = Object.assign(server, {
    region,
    tokenCalls: [] as FakeSignin['tokenCalls'],
    keyLifetime: 900,
    signedInAs: 'arn:aws:sts::111122223333:assumed-role/Admin/alice',
    seedSession(seed: { region?: string; sessionArn?: string; expiresAt?: string; key?: KeyObject } = {}) {
      const key = seed.key ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      const jwk = createPublicKey(key).export({ format: 'jwk' }) as Record<string, unknown>;
      const sessionArn = seed.sessionArn ?? 'arn:aws:sts::111122223333:assumed-role/Admin/alice';
      const accountId = /::(\d{12}):/.exec(sessionArn)?.[1] ?? '111122223333';
      const refreshToken = `rt-${randomBytes(16).toString('hex')}`;
      sessions.set(refreshToken, {
        sessionArn,
        accountId,
        region: seed.region ?? region,
        clientId: SAME_DEVICE,
        jkt: thumbprint({ ...jwk, kty: 'EC', crv: 'P-256' }),
      });
      const file = {
        accessToken: {
          accessKeyId: 'ASIASEEDED0000000001',
          secretAccessKey: 'seeded-secret',
          sessionToken: 'seeded-session-token',
          accountId,
          expiresAt: seed.expiresAt ?? new Date(now().getTime() + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
        tokenType: 'aws_sigv4',
        clientId: SAME_DEVICE,
        refreshToken,
        idToken: idToken(sessionArn),
        dpopKey: key.export({ type: 'sec1', format: 'pem' }).toString(),
      };
      return { file, key, sessionArn };
    },
    expireAllSessions() {
      sessions.clear();
    },
    refuseNext(error: string, status = 403) {
      refuse = signinError(status === 403 || status === 401 ? 'AccessDeniedException' : 'InternalServerException', error, `scripted ${error}`, status);
    },
    liveRefreshTokens: () => [...sessions.keys()],
  }) as FakeSignin;
  return fake;
}
