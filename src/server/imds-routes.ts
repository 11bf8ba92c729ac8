// The instance metadata routes, IMDSv2 only: a session token from `PUT /latest/api/token`
// (TTL header required) on every GET, or 401, as EC2 answers when v1 is turned off. Served:
// the role name and its credentials under iam/security-credentials/ (and the -extended/ path
// newer SDKs try first, which adds AccountId), and placement/region. Nothing else.
import type { ListenerRequest, ListenerResponse } from '../io/http-listener.ts';
import type { CredentialHolder } from './credential-holder.ts';
import type { ImdsTokens } from './imds-tokens.ts';
import { errorResponse, imdsBody, jsonResponse, textResponse } from './responses.ts';

export interface ImdsOptions {
  tokens: ImdsTokens;
  /** The name under iam/security-credentials/ (like an instance profile's role). */
  roleName: string;
  region: string | undefined;
  /**
   * IMDS has no secret the SDKs could send, so on Linux a session token is given only to a
   * process of the user running awsctl (the owner of the connecting socket). Absent elsewhere.
   */
  sameUser?: { peerUid(clientPort: number, serverPort: number): number | undefined; ownUid: number };
}

const CREDENTIALS = '/latest/meta-data/iam/security-credentials';
const EXTENDED = '/latest/meta-data/iam/security-credentials-extended';

/** A role name IMDS could have: the profile's name when it fits, else "awsctl". */
export function imdsRoleName(profile: string): string {
  return /^[\w+=,.@-]{1,64}$/.test(profile) ? profile : 'awsctl';
}

interface RouteContext {
  holder: Pick<CredentialHolder, 'current'>;
  now(): Date;
}

export function imdsResponse(request: ListenerRequest, path: string, imds: ImdsOptions, context: RouteContext): ListenerResponse {
  const nowMs = context.now().getTime();
  if (path === '/latest/api/token') {
    if (request.method !== 'PUT') return errorResponse(405, 'MethodNotAllowed', 'use PUT');
    if (imds.sameUser && imds.sameUser.peerUid(request.remotePort, request.localPort) !== imds.sameUser.ownUid) {
      return errorResponse(403, 'Forbidden', 'IMDS tokens are given to processes of the user running awsctl only');
    }
    const issued = imds.tokens.issue(request.headers['x-aws-ec2-metadata-token-ttl-seconds'], nowMs);
    if (!issued) return errorResponse(400, 'BadRequest', 'X-aws-ec2-metadata-token-ttl-seconds must be an integer from 1 to 21600');
    return textResponse(200, issued.token, { 'x-aws-ec2-metadata-token-ttl-seconds': String(issued.ttlSeconds) });
  }
  if (request.method !== 'GET') return errorResponse(405, 'MethodNotAllowed', 'use GET');
  if (!imds.tokens.isValid(request.headers['x-aws-ec2-metadata-token'], nowMs))
    return errorResponse(401, 'Unauthorized', 'a valid IMDSv2 session token is required (PUT /latest/api/token)');
  if (path === '/latest/meta-data/placement/region')
    return imds.region ? textResponse(200, imds.region) : errorResponse(404, 'NotFound', 'no region is configured');
  for (const [base, extended] of [
    [CREDENTIALS, false],
    [EXTENDED, true],
  ] as const) {
    if (path === base || path === `${base}/`) return textResponse(200, imds.roleName);
    if (path === `${base}/${imds.roleName}` || path === `${base}/${imds.roleName}/`) {
      const current = context.holder.current();
      if (current.kind !== 'ok') return errorResponse(503, 'CredentialsUnavailable', current.reason);
      return jsonResponse(200, imdsBody(current.credentials, context.now(), current.obtainedAt, extended));
    }
  }
  return errorResponse(404, 'NotFound', 'no such path');
}
