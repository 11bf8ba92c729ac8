// AWS Sign-In's token operation, CreateOAuth2Token (`POST {base}/v1/token`, rest-json, unsigned:
// public devtools clients are authenticated by the DPoP proof and the grant). The request body
// is the `tokenInput` structure itself, the response body the `tokenOutput` structure. Errors
// carry an OAuth-style `error` field (TOKEN_EXPIRED, USER_CREDENTIALS_CHANGED,
// INSUFFICIENT_PERMISSIONS, AUTHCODE_EXPIRED, INVALID_REQUEST…), exposed as `oauthError`.
import type { KeyObject } from 'node:crypto';
import { malformedResponse } from './service-error.ts';
import { dpopProof } from './dpop.ts';
import { callJson, optionalNumber, optionalString, requireString } from './rest-json.ts';
import type { AwsCallContext, ServiceTarget } from './types.ts';

export const SAME_DEVICE_CLIENT_ID = 'arn:aws:signin:::devtools/same-device';
export const CROSS_DEVICE_CLIENT_ID = 'arn:aws:signin:::devtools/cross-device';
const TOKEN_PATH = '/v1/token';

type TokenInput =
  | { grantType: 'refresh_token'; clientId: string; refreshToken: string }
  | { grantType: 'authorization_code'; clientId: string; code: string; codeVerifier: string; redirectUri: string };

export interface TokenOutput {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Seconds (at most 900 per the model; 900 when the service leaves it out, as the JS SDK assumes). */
  expiresIn: number;
  refreshToken: string;
  tokenType?: string;
  /** Only on an authorization-code exchange: a JWT whose `sub` is the session ARN. */
  idToken?: string;
}

const SERVICE = 'signin';
const OPERATION = 'CreateOAuth2Token';

function parseOutput(body: Record<string, unknown>): TokenOutput {
  const access = body.accessToken;
  if (typeof access !== 'object' || access === null) throw malformedResponse(SERVICE, OPERATION, 'missing "accessToken"');
  const keys = access as Record<string, unknown>;
  const expiresIn = optionalNumber(body, 'expiresIn') ?? 900;
  if (expiresIn <= 0 || expiresIn > 12 * 3600) throw malformedResponse(SERVICE, OPERATION, '"expiresIn" is not a usable number of seconds');
  const output: TokenOutput = {
    accessKeyId: requireString(keys, 'accessKeyId', SERVICE, OPERATION),
    secretAccessKey: requireString(keys, 'secretAccessKey', SERVICE, OPERATION),
    sessionToken: requireString(keys, 'sessionToken', SERVICE, OPERATION),
    expiresIn,
    refreshToken: requireString(body, 'refreshToken', SERVICE, OPERATION),
  };
  const tokenType = optionalString(body, 'tokenType');
  if (tokenType !== undefined) output.tokenType = tokenType;
  const idToken = optionalString(body, 'idToken');
  if (idToken !== undefined) output.idToken = idToken;
  return output;
}

/** One token call, with a fresh DPoP proof signed by `key` for every attempt. */
export async function createOAuth2Token(ctx: AwsCallContext, target: ServiceTarget, key: KeyObject, input: TokenInput): Promise<TokenOutput> {
  const body = await callJson(ctx, target, {
    service: SERVICE,
    operation: OPERATION,
    method: 'POST',
    path: TOKEN_PATH,
    body: input,
    attemptHeaders: (url) => ({ DPoP: dpopProof(key, { method: 'POST', url, now: ctx.now() }) }),
  });
  return parseOutput(body);
}
