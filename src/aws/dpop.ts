// DPoP proofs (RFC 9449) for AWS Sign-In: an ES256 JWT whose header carries the public key
// (`jwk`) and whose payload binds it to one request (`htm` method, `htu` full URL, `iat`, a
// fresh `jti`). The sign-in service binds the refresh token to that key, so every token call
// must be signed by the key the session was created with. Signatures are raw r‖s (JWS), not
// DER. node:crypto is fetched when a proof or key is needed, never at start-up.
import type { KeyObject } from 'node:crypto';
import { AwsctlError } from '../errors.ts';

interface EcPublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const crypto = () => process.getBuiltinModule('node:crypto');

/** A new P-256 key pair for a new session. */
export function generateDpopKey(): KeyObject {
  return crypto().generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/**
 * The session's private key from its PEM: SEC1 (`EC PRIVATE KEY`, what the AWS CLI and the JS
 * SDK write) or PKCS#8 (`PRIVATE KEY`, botocore's test data). Anything else, or another curve,
 * is refused: the service would reject the proof anyway.
 */
export function readDpopKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = crypto().createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new AwsctlError('login session', 'its dpopKey is not a readable PEM private key', { hint: 'sign in again' });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new AwsctlError('login session', 'its dpopKey is not an EC P-256 key', { hint: 'sign in again' });
  }
  return key;
}

/** SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`, 64-character lines): the form every SDK reads. */
export function dpopKeyPem(key: KeyObject): string {
  return key.export({ type: 'sec1', format: 'pem' }).toString();
}

export function publicJwk(key: KeyObject): EcPublicJwk {
  const jwk = crypto().createPublicKey(key).export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

interface ProofClaims {
  method: string;
  /** The full request URL, exactly as sent. */
  url: string;
  now: Date;
  /** Default: a random UUID. */
  jti?: string;
}

/** One proof for one request; never reuse it (the service rejects a repeated jti). */
export function dpopProof(key: KeyObject, claims: ProofClaims): string {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: publicJwk(key) };
  const payload = { htm: claims.method, htu: claims.url, iat: Math.floor(claims.now.getTime() / 1000), jti: claims.jti ?? crypto().randomUUID() };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = crypto().sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(signature)}`;
}

/** RFC 7638 thumbprint of a P-256 public key: what a refresh token is bound to. */
export function jwkThumbprint(jwk: EcPublicJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return crypto().createHash('sha256').update(canonical).digest('base64url');
}
