// The pure parts of login sessions: the sign-in endpoint per partition and endpoint settings,
// the refresh region rule, DPoP proofs (verified by the fake service's checker), key formats,
// and the session file's validation and refresh rewrite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { defaultSigninEndpoint, resolveSigninEndpoint } from '../../src/plan/signin-endpoint.ts';
import { dpopKeyPem, dpopProof, jwkThumbprint, publicJwk, readDpopKey } from '../../src/aws/dpop.ts';
import { refreshRegion } from '../../src/resolve/sources/login-session.ts';
import { applyLoginRefresh, loginSessionFileName, validateLoginSession, type LoginSessionFile } from '../../src/cache/login-session-cache.ts';
import { loginCacheDir } from '../../src/profile/locations.ts';
import { checkDpopProof } from '../fake-aws/signin.ts';

const off = { fips: false, dualStack: false };

test('sign-in endpoints follow the service rules per partition and variant', () => {
  assert.equal(defaultSigninEndpoint('eu-west-1', off), 'https://eu-west-1.signin.aws.amazon.com');
  assert.equal(defaultSigninEndpoint('cn-north-1', off), 'https://cn-north-1.signin.amazonaws.cn');
  assert.equal(defaultSigninEndpoint('us-gov-west-1', off), 'https://us-gov-west-1.signin.amazonaws-us-gov.com');
  assert.equal(defaultSigninEndpoint('us-iso-east-1', off), 'https://signin.us-iso-east-1.c2s.ic.gov');
  assert.equal(defaultSigninEndpoint('eusc-de-east-1', off), 'https://signin.eusc-de-east-1.amazonaws.eu');
  assert.equal(defaultSigninEndpoint('us-east-1', { fips: true, dualStack: false }), 'https://signin-fips.us-east-1.amazonaws.com');
  assert.equal(defaultSigninEndpoint('us-east-1', { fips: false, dualStack: true }), 'https://signin.us-east-1.api.aws');
  assert.equal(defaultSigninEndpoint('cn-north-1', { fips: true, dualStack: true }), 'https://signin-fips.cn-north-1.api.amazonwebservices.com.cn');
  assert.throws(() => defaultSigninEndpoint('eu-west-1.evil.com/x', off), /not a region name/);
});

test('configured endpoints for the service `signin` win; with FIPS they are refused', () => {
  assert.deepEqual(resolveSigninEndpoint('eu-west-1', { env: { AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9/' } }), {
    url: 'http://127.0.0.1:9',
    source: 'env-service',
  });
  const profile = { name: 'p', properties: { services: { value: 'local' } } } as never;
  const services = { local: { signin: { endpoint_url: 'http://localhost:8080' } } } as never;
  assert.equal(resolveSigninEndpoint('eu-west-1', { env: {}, profile, services }).url, 'http://localhost:8080');
  assert.throws(() => resolveSigninEndpoint('eu-west-1', { env: { AWS_ENDPOINT_URL_SIGNIN: 'http://x', AWS_USE_FIPS_ENDPOINT: 'true' } }), /FIPS/);
  assert.equal(
    resolveSigninEndpoint('eu-west-1', { env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_SIGNIN: 'http://x' } }).url,
    'https://eu-west-1.signin.aws.amazon.com',
  );
});

test('a session refreshes in its recorded region, else the profile region, else the resolved one', () => {
  assert.equal(refreshRegion({ signInRegion: 'us-east-1' }, 'eu-west-1', 'ap-south-1'), 'us-east-1');
  assert.equal(refreshRegion({ signInRegion: ' ' }, 'eu-west-1', 'ap-south-1'), 'eu-west-1');
  assert.equal(refreshRegion({}, undefined, 'ap-south-1'), 'ap-south-1');
  assert.equal(refreshRegion({}, undefined, undefined), undefined);
});

test('DPoP proofs verify, bind the key, and are never the same twice', () => {
  const key = readDpopKey(dpopKeyPem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
  const url = 'https://eu-west-1.signin.aws.amazon.com/v1/token';
  const now = new Date();
  const seen = new Set<string>();
  const first = dpopProof(key, { method: 'POST', url, now });
  const checked = checkDpopProof(first, url, now, seen);
  assert.deepEqual(checked, { jkt: jwkThumbprint(publicJwk(key)) });
  assert.deepEqual(checkDpopProof(first, url, now, seen), { why: 'jti replayed' });
  assert.match(JSON.stringify(checkDpopProof(dpopProof(key, { method: 'POST', url: `${url}x`, now }), url, now, seen)), /htu/);
  const [header, payload, signature] = dpopProof(key, { method: 'POST', url, now }).split('.');
  assert.equal(Buffer.from(signature!, 'base64url').length, 64, 'raw r||s, not DER');
  assert.deepEqual(Object.keys(JSON.parse(Buffer.from(header!, 'base64url').toString())), ['typ', 'alg', 'jwk']);
  assert.deepEqual(Object.keys(JSON.parse(Buffer.from(payload!, 'base64url').toString())), ['htm', 'htu', 'iat', 'jti']);
  assert.deepEqual(Object.keys(JSON.parse(Buffer.from(header!, 'base64url').toString()).jwk).sort(), ['crv', 'kty', 'x', 'y'], 'public key only');
});

test('keys: SEC1 and PKCS#8 are read, SEC1 is written; other keys are refused', () => {
  const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  assert.match(dpopKeyPem(readDpopKey(pkcs8)), /^-----BEGIN EC PRIVATE KEY-----\n/);
  assert.equal(jwkThumbprint(publicJwk(readDpopKey(pkcs8))), jwkThumbprint(publicJwk(createPrivateKey(dpopKeyPem(key)))));
  assert.throws(() => readDpopKey('not a key'), /not a readable PEM/);
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  assert.throws(() => readDpopKey(p384), /not an EC P-256 key/);
});

test('session files: cache folder and name, required fields, refresh keeps everything else', () => {
  assert.equal(loginCacheDir({}, '/h', 'linux'), '/h/.aws/login/cache');
  assert.equal(loginCacheDir({ AWS_LOGIN_CACHE_DIRECTORY: '~/x' }, '/h', 'linux'), '/h/x');
  assert.equal(
    loginSessionFileName('arn:aws:sts::012345678910:assumed-role/Admin/admin'),
    '4b0ba8f99f075c0633e122fd73346ce203a3faf18ea0310eb2d29df1bab2e255.json',
  );
  assert.deepEqual(validateLoginSession({ accessToken: {} }), {
    why: 'it is missing accessToken.accessKeyId, accessToken.secretAccessKey, accessToken.sessionToken, accessToken.accountId, accessToken.expiresAt, refreshToken, dpopKey, clientId',
  });
  const file: LoginSessionFile = {
    accessToken: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', accountId: '1', expiresAt: '2025-01-01T00:00:00Z', x: 1 },
    clientId: 'c',
    refreshToken: 'r',
    dpopKey: 'k',
    signInRegion: 'us-east-1',
    other: [1],
  };
  const next = applyLoginRefresh(
    file,
    { accessKeyId: 'A2', secretAccessKey: 'S2', sessionToken: 'T2', expiresIn: 900, refreshToken: 'r2' },
    new Date('2025-11-19T00:00:00.500Z'),
  );
  assert.deepEqual(next, {
    ...file,
    accessToken: { ...file.accessToken, accessKeyId: 'A2', secretAccessKey: 'S2', sessionToken: 'T2', expiresAt: '2025-11-19T00:15:00Z' },
    refreshToken: 'r2',
  });
});
