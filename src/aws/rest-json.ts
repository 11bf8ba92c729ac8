// One JSON-over-HTTP call with retries, shared by the SSO-OIDC, SSO portal and container clients:
// error bodies become AwsServiceErrors with the code the service named (x-amzn-ErrorType header,
// `__type`, or an OAuth `error` field) and its message.
import { AwsServiceError, clip, malformedResponse } from './service-error.ts';
import { redact } from '../io/redact.ts';
import { withRetries } from './retry.ts';
import { DEFAULT_SERVICE_TIMEOUT_MS, joinUrl, type AwsCallContext, type ServiceTarget } from './types.ts';

interface JsonCall {
  service: string;
  operation: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** Serialized as JSON when present. */
  body?: unknown;
  /** Headers made anew for every attempt (a DPoP proof may be used only once), given the URL. */
  attemptHeaders?: (url: string) => Record<string, string>;
}

/** OAuth error values (RFC 6749/8628, as SSO-OIDC sends them) → the API model's exception names. */
const OAUTH_EXCEPTIONS: Record<string, string> = {
  authorization_pending: 'AuthorizationPendingException',
  slow_down: 'SlowDownException',
  expired_token: 'ExpiredTokenException',
  access_denied: 'AccessDeniedException',
  invalid_grant: 'InvalidGrantException',
  invalid_client: 'InvalidClientException',
  invalid_request: 'InvalidRequestException',
  invalid_scope: 'InvalidScopeException',
  unauthorized_client: 'UnauthorizedClientException',
  unsupported_grant_type: 'UnsupportedGrantTypeException',
  server_error: 'InternalServerException',
};

export function parseJsonObject(body: string, service: string, operation: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw malformedResponse(service, operation, describeNonJson(body));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformedResponse(service, operation, 'JSON is not an object');
  return parsed as Record<string, unknown>;
}

/**
 * What a body that failed to parse looked like. A body that starts like JSON is a truncated or
 * broken answer, and answers here carry credentials and tokens, so none of it is shown; only a
 * body that is plainly something else (a proxy's HTML page) is quoted, short and redacted.
 */
function describeNonJson(body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return 'empty body where JSON was expected';
  if (/^[[{"]/.test(trimmed)) return `not JSON (truncated or invalid, ${Buffer.byteLength(body)} bytes)`;
  return `not JSON: "${redact(clip(body, 60))}"`;
}

export function errorFromJsonResponse(service: string, operation: string, status: number, headers: Record<string, string>, body: string): AwsServiceError {
  let parsed: Record<string, unknown> = {};
  try {
    const value = JSON.parse(body) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML page): the status alone has to speak.
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const oauthError = str(parsed.error);
  const fromHeader = str(headers['x-amzn-errortype'])?.split(':')[0];
  const fromType = str(parsed.__type)?.split('#').pop();
  const code = fromHeader || fromType || (oauthError && OAUTH_EXCEPTIONS[oauthError]) || oauthError || str(parsed.Code) || str(parsed.code) || `HTTP ${status}`;
  const message = str(parsed.message) ?? str(parsed.Message) ?? str(parsed.error_description) ?? '';
  return new AwsServiceError({ service, operation, status, code, message: clip(message), oauthError, requestId: headers['x-amzn-requestid'] });
}

export async function callJson(ctx: AwsCallContext, target: ServiceTarget, call: JsonCall): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const url = joinUrl(target.endpoint, call.path, call.query);
  const attempt = async () => {
    const response = await ctx.http.send({
      method: call.method,
      url,
      headers: call.attemptHeaders ? { ...headers, ...call.attemptHeaders(url) } : headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      timeoutMs: target.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS,
    });
    if (response.status < 200 || response.status >= 300) {
      throw errorFromJsonResponse(call.service, call.operation, response.status, response.headers, response.body);
    }
    return response.body.trim() === '' ? {} : parseJsonObject(response.body, call.service, call.operation);
  };
  return withRetries(ctx, `${call.service}:${call.operation}`, attempt, target.retry, target.quota);
}

/** Field readers that fail with a clear "malformed response" naming the field. */
export function requireString(object: Record<string, unknown>, field: string, service: string, operation: string): string {
  const value = object[field];
  if (typeof value !== 'string' || value === '') throw malformedResponse(service, operation, `missing or non-string "${field}"`);
  return value;
}

export function optionalString(object: Record<string, unknown>, field: string): string | undefined {
  const value = object[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function requireNumber(object: Record<string, unknown>, field: string, service: string, operation: string): number {
  const value = object[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw malformedResponse(service, operation, `missing or non-numeric "${field}"`);
  return value;
}

/** A time given as epoch seconds or milliseconds; a number no Date can hold is a malformed answer. */
export function requireEpochDate(object: Record<string, unknown>, field: string, unitMs: 1 | 1000, service: string, operation: string): Date {
  const date = new Date(requireNumber(object, field, service, operation) * unitMs);
  if (Number.isNaN(date.getTime())) throw malformedResponse(service, operation, `"${field}" is not a usable time`);
  return date;
}

/** An optional ISO 8601 / RFC 3339 time (container and IMDS `Expiration`); unreadable is malformed. */
export function optionalTime(object: Record<string, unknown>, field: string, service: string, operation: string): Date | undefined {
  const text = optionalString(object, field);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw malformedResponse(service, operation, `unreadable "${field}"`);
  return date;
}

/** A duration in seconds (expiresIn, interval): not negative and at most ten years. */
export function requireSeconds(object: Record<string, unknown>, field: string, service: string, operation: string): number {
  const value = requireNumber(object, field, service, operation);
  if (value < 0 || value > MAX_SECONDS) throw malformedResponse(service, operation, `"${field}" is not a usable number of seconds`);
  return value;
}

const MAX_SECONDS = 10 * 366 * 24 * 3600;

export function optionalNumber(object: Record<string, unknown>, field: string): number | undefined {
  const value = object[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
