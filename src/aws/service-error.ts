// An AWS service said no. Carries the service's error code so callers can switch on it
// (AccessDenied, ExpiredToken, authorization_pending, UnauthorizedException…) and the retry layer
// can spot throttling, while the message stays one line for people: `sts:AssumeRole failed: <code>: <message>`.
import { AwsctlError } from '../errors.ts';

interface ServiceErrorFields {
  service: string;
  operation: string;
  status: number;
  code: string;
  message: string;
  requestId?: string;
  /** For SSO-OIDC: the OAuth `error` value (authorization_pending, slow_down, expired_token…). */
  oauthError?: string;
  attempts?: number;
  hint?: string;
}

export class AwsServiceError extends AwsctlError {
  readonly service: string;
  readonly operation: string;
  readonly status: number;
  readonly code: string;
  readonly serviceMessage: string;
  readonly requestId: string | undefined;
  readonly oauthError: string | undefined;
  readonly attempts: number;
  readonly fields: ServiceErrorFields;

  constructor(fields: ServiceErrorFields) {
    const attempts = fields.attempts ?? 1;
    // A code made up from the status ("HTTP 429") is not repeated as "HTTP 429 (HTTP 429)".
    const statusOnly = fields.code === `HTTP ${fields.status}`;
    const detail = fields.message ? `${fields.code}: ${fields.message}` : statusOnly ? fields.code : `${fields.code} (HTTP ${fields.status})`;
    const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    super(`${fields.service}:${fields.operation} failed`, `${detail}${tries}`, { hint: fields.hint });
    this.name = 'AwsServiceError';
    this.fields = fields;
    this.service = fields.service;
    this.operation = fields.operation;
    this.status = fields.status;
    this.code = fields.code;
    this.serviceMessage = fields.message;
    this.requestId = fields.requestId;
    this.oauthError = fields.oauthError;
    this.attempts = attempts;
  }

  withAttempts(attempts: number): AwsServiceError {
    return new AwsServiceError({ ...this.fields, attempts });
  }
}

export function isAwsServiceError(error: unknown): error is AwsServiceError {
  return error instanceof AwsServiceError;
}

/** A response the client could not make sense of (truncated XML, HTML from a captive portal…). */
export function malformedResponse(service: string, operation: string, why: string): AwsctlError {
  return new AwsctlError(`${service}:${operation} failed`, `malformed response: ${why}`, {
    hint: 'check the endpoint URL and any proxy in between',
  });
}

/** Keeps service text one line and short: error messages come from the network. */
export function clip(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
