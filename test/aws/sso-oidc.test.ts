import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTHORIZATION_CODE_GRANT,
  DEVICE_CODE_GRANT,
  REFRESH_TOKEN_GRANT,
  buildAuthorizeUrl,
  createPkcePair,
  createToken,
  pkceChallenge,
  registerClient,
  startDeviceAuthorization,
} from '../../src/aws/sso-oidc.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { startFakeSsoOidc, type FakeSsoOidc } from '../fake-aws/index.ts';
import { FIXED_NOW, realHttp, clientContext } from './helpers.ts';

describe('sso-oidc client against the fake OIDC service', () => {
  let oidc: FakeSsoOidc;
  const http = realHttp();
  before(async () => {
    oidc = await startFakeSsoOidc({ now: () => FIXED_NOW });
  });
  after(async () => {
    await http.close();
    await oidc.close();
  });
  const target = () => ({ endpoint: oidc.url });

  it("registers a public client with the API model's field names", async () => {
    const client = await registerClient(clientContext(http), target(), {
      clientName: 'awsctl',
      scopes: ['sso:account:access'],
      grantTypes: [DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT],
    });
    const sent = JSON.parse(oidc.requests.at(-1)!.body) as Record<string, unknown>;
    assert.equal(oidc.requests.at(-1)!.path, '/client/register');
    assert.deepEqual(sent, {
      clientName: 'awsctl',
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: [DEVICE_CODE_GRANT, REFRESH_TOKEN_GRANT],
    });
    assert.equal(oidc.requests.at(-1)!.headers['content-type'], 'application/json');
    assert.match(client.clientId, /^fake-client-/);
    assert.equal(client.clientSecretExpiresAt.getTime(), FIXED_NOW.getTime() + 90 * 86400_000);
  });

  it('runs the device flow: pending and slow_down surface as typed errors, then a token', async () => {
    const ctx = clientContext(http);
    const client = await registerClient(ctx, target(), { clientName: 'awsctl' });
    const auth = await startDeviceAuthorization(ctx, target(), {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      startUrl: 'https://d-123.awsapps.com/start',
    });
    assert.equal(auth.userCode, 'FAKE-CODE');
    assert.equal(auth.interval, 1);
    assert.ok(auth.verificationUriComplete?.includes('user_code=FAKE-CODE'));
    oidc.devicePollSequence = ['authorization_pending', 'slow_down'];
    const poll = () =>
      createToken(ctx, target(), { grantType: DEVICE_CODE_GRANT, clientId: client.clientId, clientSecret: client.clientSecret, deviceCode: auth.deviceCode });
    const seen: string[] = [];
    for (const expected of ['authorization_pending', 'slow_down']) {
      const error = await poll().catch((e: unknown) => e);
      assert.ok(error instanceof AwsServiceError);
      assert.equal(error.oauthError, expected);
      seen.push(error.code);
    }
    assert.deepEqual(seen, ['AuthorizationPendingException', 'SlowDownException']);
    assert.equal(ctx.sleeps.length, 0, 'a 400 answer is never retried by the transport');
    const token = await poll();
    assert.match(token.accessToken, /^fake-access-token-/);
    assert.equal(token.expiresIn, 28800);
    assert.ok(token.refreshToken);
  });

  it('maps expired_token and access_denied for the login loop to stop on', async () => {
    const ctx = clientContext(http);
    const client = await registerClient(ctx, target(), { clientName: 'awsctl' });
    const auth = await startDeviceAuthorization(ctx, target(), { clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://x/start' });
    oidc.devicePollSequence = ['expired_token'];
    const error = await createToken(ctx, target(), {
      grantType: DEVICE_CODE_GRANT,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      deviceCode: auth.deviceCode,
    }).catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.oauthError, 'expired_token');
    assert.equal(error.code, 'ExpiredTokenException');
    assert.doesNotMatch(error.message, new RegExp(client.clientSecret));
  });

  it('exchanges an authorization code with PKCE, and refuses a wrong verifier', async () => {
    const ctx = clientContext(http);
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
    const client = await registerClient(ctx, target(), {
      clientName: 'awsctl',
      grantTypes: [AUTHORIZATION_CODE_GRANT, REFRESH_TOKEN_GRANT],
      redirectUris: [redirectUri],
      issuerUrl: 'https://d-1.awsapps.com/start',
    });
    const pkce = createPkcePair();
    const authorizeUrl = buildAuthorizeUrl({
      endpoint: oidc.url,
      clientId: client.clientId,
      redirectUri,
      state: 'state-xyz',
      codeChallenge: pkce.codeChallenge,
    });
    // Play the browser: the page answers with a redirect to the loopback callback.
    const codeFor = async () => {
      const page = await fetch(authorizeUrl, { redirect: 'manual' });
      const callback = new URL(page.headers.get('location')!);
      assert.equal(callback.searchParams.get('state'), 'state-xyz');
      return callback.searchParams.get('code')!;
    };
    const wrong = await createToken(ctx, target(), {
      grantType: AUTHORIZATION_CODE_GRANT,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      code: await codeFor(),
      codeVerifier: 'not-the-verifier',
      redirectUri,
    }).catch((e: unknown) => e);
    assert.ok(wrong instanceof AwsServiceError && wrong.oauthError === 'invalid_grant');
    const token = await createToken(ctx, target(), {
      grantType: AUTHORIZATION_CODE_GRANT,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      code: await codeFor(),
      codeVerifier: pkce.codeVerifier,
      redirectUri,
    });
    const sent = JSON.parse(oidc.requests.at(-1)!.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(sent).sort(), ['clientId', 'clientSecret', 'code', 'codeVerifier', 'grantType', 'redirectUri']);
    const refreshed = await createToken(ctx, target(), {
      grantType: REFRESH_TOKEN_GRANT,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken!,
    });
    assert.notEqual(refreshed.accessToken, token.accessToken);
    const reused = await createToken(ctx, target(), {
      grantType: REFRESH_TOKEN_GRANT,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      refreshToken: token.refreshToken!,
    }).catch((e: unknown) => e);
    assert.ok(reused instanceof AwsServiceError && reused.code === 'InvalidGrantException');
  });

  it('reports a malformed success body clearly', async () => {
    oidc.script({ kind: 'reply', status: 200, body: '{"clientId": 1}' });
    await assert.rejects(
      registerClient(clientContext(http), target(), { clientName: 'x' }),
      /sso-oidc:RegisterClient failed: malformed response: missing or non-string "clientId"/,
    );
  });
});

describe('pkce and the authorize url', () => {
  it('computes the RFC 7636 appendix B challenge', () => {
    assert.equal(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const pair = createPkcePair(Buffer.alloc(48, 7));
    assert.equal(pair.codeChallenge, pkceChallenge(pair.codeVerifier));
    assert.match(pair.codeVerifier, /^[A-Za-z0-9_-]{43,128}$/);
  });

  it('builds the authorize URL with every parameter the service needs', () => {
    const url = new URL(
      buildAuthorizeUrl({
        endpoint: 'https://oidc.eu-west-1.amazonaws.com',
        clientId: 'cid',
        redirectUri: 'http://127.0.0.1:1/oauth/callback',
        state: 's',
        codeChallenge: 'c',
      }),
    );
    assert.equal(url.origin + url.pathname, 'https://oidc.eu-west-1.amazonaws.com/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'http://127.0.0.1:1/oauth/callback',
      state: 's',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: 'c',
    });
  });
});
