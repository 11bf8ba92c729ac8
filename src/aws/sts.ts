// STS over the query protocol: POST a form body (Action=…&Version=2011-06-15), read XML back.
// AssumeRoleWithWebIdentity is unsigned (the web identity token is the proof); the rest are
// signed with the caller's credentials, so a role chain proves each hop with the previous one.
import type { HttpRequest } from '../io/context.ts';
import { AwsServiceError, clip, malformedResponse } from './service-error.ts';
import { withRetries } from './retry.ts';
import { signRequest } from './sigv4.ts';
import { DEFAULT_SERVICE_TIMEOUT_MS, type AwsCallContext, type AwsCredentials, type ServiceTarget, type SignedTarget } from './types.ts';
import { child, parseXml, text, type XmlNode, type XmlValue } from './xml.ts';

const STS_API_VERSION = '2011-06-15';

interface AssumeRoleParams {
  roleArn: string;
  roleSessionName: string;
  durationSeconds?: number;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  policy?: string;
  policyArns?: string[];
  sourceIdentity?: string;
}

interface AssumeRoleWithWebIdentityParams {
  roleArn: string;
  roleSessionName: string;
  webIdentityToken: string;
  durationSeconds?: number;
  providerId?: string;
  policy?: string;
  policyArns?: string[];
}

interface GetSessionTokenParams {
  durationSeconds?: number;
  serialNumber?: string;
  tokenCode?: string;
}

interface GetFederationTokenParams {
  /** The federated user's name: 2-32 of [\w+=,.@-]. */
  name: string;
  /** An inline session policy (JSON); without any session policy the session can do nothing. */
  policy?: string;
  policyArns?: string[];
  durationSeconds?: number;
}

interface FederationTokenResult {
  credentials: AwsCredentials;
  federatedUserArn: string;
  requestId?: string;
}

interface AssumedRoleResult {
  /** With accountId taken from the AssumedRoleUser ARN. */
  credentials: AwsCredentials;
  assumedRoleArn: string;
  assumedRoleId?: string;
  requestId?: string;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
  requestId?: string;
}

/** RFC 3986 form encoding as the SDKs send it (encodeURIComponent leaves !'()* alone). */
export function formEncode(params: Record<string, string | undefined>): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
}

/** The account id field of an ARN (`arn:partition:service:region:account:resource`). */
export function accountIdFromArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

function stsError(operation: string, status: number, root: XmlNode | undefined, rawBody: string): AwsServiceError {
  const error = child(child(root, 'ErrorResponse'), 'Error');
  const code = text(child(error, 'Code'));
  const message = text(child(error, 'Message'));
  const requestId = text(child(child(root, 'ErrorResponse'), 'RequestId'));
  return new AwsServiceError({
    service: 'sts',
    operation,
    status,
    code: code || `HTTP ${status}`,
    message: clip(message ?? (code ? '' : rawBody.slice(0, 200))),
    requestId,
  });
}

async function callSts(
  ctx: AwsCallContext,
  target: ServiceTarget & Partial<SignedTarget>,
  action: string,
  params: Record<string, string | undefined>,
): Promise<{ result: XmlValue; requestId?: string }> {
  const body = formEncode({ Action: action, Version: STS_API_VERSION, ...params });
  const attempt = async () => {
    let request: HttpRequest = {
      method: 'POST',
      url: target.endpoint,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body,
      timeoutMs: target.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS,
    };
    if (target.credentials) {
      request = await signRequest(request, { credentials: target.credentials, region: target.region ?? 'us-east-1', service: 'sts', signingDate: ctx.now() });
    }
    const response = await ctx.http.send(request);
    if (response.status >= 300) {
      // Error bodies are read on a best-effort basis: a 503 from a load balancer may be HTML.
      const root = await parseXml(response.body, 'sts', action).catch(() => undefined);
      throw stsError(action, response.status, root, response.body);
    }
    const root = await parseXml(response.body, 'sts', action);
    if (child(root, 'ErrorResponse') !== undefined) throw stsError(action, response.status, root, response.body);
    const envelope = child(root, `${action}Response`);
    const result = child(envelope, `${action}Result`);
    if (result === undefined) throw malformedResponse('sts', action, `no <${action}Result> element`);
    return { result, requestId: text(child(child(envelope, 'ResponseMetadata'), 'RequestId')) };
  };
  return withRetries(ctx, `sts:${action}`, attempt, target.retry, target.quota);
}

function required(node: XmlValue | undefined, name: string, operation: string): string {
  const value = text(child(node, name));
  if (!value) throw malformedResponse('sts', operation, `missing <${name}>`);
  return value;
}

function parseCredentials(result: XmlValue, operation: string): AwsCredentials {
  const node = child(result, 'Credentials');
  if (node === undefined) throw malformedResponse('sts', operation, 'missing <Credentials>');
  const accessKeyId = required(node, 'AccessKeyId', operation);
  const secretAccessKey = required(node, 'SecretAccessKey', operation);
  const sessionToken = required(node, 'SessionToken', operation);
  const expirationText = required(node, 'Expiration', operation);
  const expiration = new Date(expirationText);
  if (Number.isNaN(expiration.getTime())) throw malformedResponse('sts', operation, `unreadable <Expiration> "${clip(expirationText, 40)}"`);
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

function parseAssumedRole(result: XmlValue, operation: string, requestId: string | undefined): AssumedRoleResult {
  const credentials = parseCredentials(result, operation);
  const user = child(result, 'AssumedRoleUser');
  const assumedRoleArn = required(user, 'Arn', operation);
  const accountId = accountIdFromArn(assumedRoleArn);
  return {
    credentials: accountId ? { ...credentials, accountId } : credentials,
    assumedRoleArn,
    assumedRoleId: text(child(user, 'AssumedRoleId')),
    requestId,
  };
}

function policyArnParams(arns: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [i, arn] of (arns ?? []).entries()) out[`PolicyArns.member.${i + 1}.arn`] = arn;
  return out;
}

const optionalNumber = (n: number | undefined) => (n === undefined ? undefined : String(n));

export async function assumeRole(ctx: AwsCallContext, target: SignedTarget, params: AssumeRoleParams): Promise<AssumedRoleResult> {
  const { result, requestId } = await callSts(ctx, target, 'AssumeRole', {
    RoleArn: params.roleArn,
    RoleSessionName: params.roleSessionName,
    DurationSeconds: optionalNumber(params.durationSeconds),
    ExternalId: params.externalId,
    SerialNumber: params.serialNumber,
    TokenCode: params.tokenCode,
    Policy: params.policy,
    SourceIdentity: params.sourceIdentity,
    ...policyArnParams(params.policyArns),
  });
  return parseAssumedRole(result, 'AssumeRole', requestId);
}

export async function assumeRoleWithWebIdentity(
  ctx: AwsCallContext,
  target: ServiceTarget,
  params: AssumeRoleWithWebIdentityParams,
): Promise<AssumedRoleResult> {
  const { result, requestId } = await callSts(ctx, { ...target, credentials: undefined }, 'AssumeRoleWithWebIdentity', {
    RoleArn: params.roleArn,
    RoleSessionName: params.roleSessionName,
    WebIdentityToken: params.webIdentityToken,
    DurationSeconds: optionalNumber(params.durationSeconds),
    ProviderId: params.providerId,
    Policy: params.policy,
    ...policyArnParams(params.policyArns),
  });
  return parseAssumedRole(result, 'AssumeRoleWithWebIdentity', requestId);
}

export async function getSessionToken(
  ctx: AwsCallContext,
  target: SignedTarget,
  params: GetSessionTokenParams = {},
): Promise<{ credentials: AwsCredentials; requestId?: string }> {
  const { result, requestId } = await callSts(ctx, target, 'GetSessionToken', {
    DurationSeconds: optionalNumber(params.durationSeconds),
    SerialNumber: params.serialNumber,
    TokenCode: params.tokenCode,
  });
  return { credentials: parseCredentials(result, 'GetSessionToken'), requestId };
}

/** Signed with an IAM user's long-term keys (STS refuses temporary ones). */
export async function getFederationToken(ctx: AwsCallContext, target: SignedTarget, params: GetFederationTokenParams): Promise<FederationTokenResult> {
  const { result, requestId } = await callSts(ctx, target, 'GetFederationToken', {
    Name: params.name,
    Policy: params.policy,
    DurationSeconds: optionalNumber(params.durationSeconds),
    ...policyArnParams(params.policyArns),
  });
  const credentials = parseCredentials(result, 'GetFederationToken');
  const federatedUserArn = required(child(result, 'FederatedUser'), 'Arn', 'GetFederationToken');
  const accountId = accountIdFromArn(federatedUserArn);
  return { credentials: accountId ? { ...credentials, accountId } : credentials, federatedUserArn, requestId };
}

export async function getCallerIdentity(ctx: AwsCallContext, target: SignedTarget): Promise<CallerIdentity> {
  const { result, requestId } = await callSts(ctx, target, 'GetCallerIdentity', {});
  return {
    account: required(result, 'Account', 'GetCallerIdentity'),
    arn: required(result, 'Arn', 'GetCallerIdentity'),
    userId: required(result, 'UserId', 'GetCallerIdentity'),
    requestId,
  };
}
