// Transport failures (no HTTP response to judge) as AwsctlErrors with a machine-readable kind,
// so the retry layer can tell "worth another try" (reset, timeout, refused) from "never will
// work" (TLS trust, redirect, oversized body) without parsing message text.
import { AwsctlError } from '../errors.ts';

type TransportFailureKind = 'connect' | 'timeout' | 'reset' | 'tls' | 'redirect' | 'too-large' | 'proxy' | 'other';

export class HttpTransportError extends AwsctlError {
  readonly kind: TransportFailureKind;
  /** The low-level code when there was one (ECONNREFUSED, UND_ERR_SOCKET, SELF_SIGNED_CERT_IN_CHAIN…). */
  readonly code: string | undefined;
  /** For kind 'redirect': the absolute URL the server pointed at (never followed here). */
  readonly location: string | undefined;

  constructor(what: string, why: string, kind: TransportFailureKind, options: { code?: string; hint?: string; cause?: unknown; location?: string } = {}) {
    super(what, why, { hint: options.hint, cause: options.cause });
    this.name = 'HttpTransportError';
    this.kind = kind;
    this.code = options.code;
    this.location = options.location;
  }
}

export function isHttpTransportError(error: unknown): error is HttpTransportError {
  return error instanceof HttpTransportError;
}

const tlsTrustCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const tlsOtherCodes = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const connectCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Walks `cause` links for the innermost error carrying a `code`, which is where Node puts the useful text. */
function innermostCoded(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  let found: { code?: string; message: string } = { message: error instanceof Error ? error.message : String(error) };
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') found = { code, message: current.message };
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

/** Maps whatever undici/Node threw into an HttpTransportError saying what failed. */
export function describeTransportFailure(what: string, error: unknown, timeoutMs: number): HttpTransportError {
  if (error instanceof HttpTransportError) return error;
  const { code, message } = innermostCoded(error);
  if (code && tlsTrustCodes.has(code)) {
    return new HttpTransportError(what, `TLS certificate not trusted (${code})`, 'tls', {
      code,
      hint: 'set AWS_CA_BUNDLE or ca_bundle to a PEM file holding the issuing CA',
      cause: error,
    });
  }
  if (code && tlsOtherCodes.has(code)) return new HttpTransportError(what, `TLS handshake failed: ${message}`, 'tls', { code, cause: error });
  if (code && timeoutCodes.has(code)) return new HttpTransportError(what, `timed out after ${timeoutMs} ms`, 'timeout', { code, cause: error });
  if (code && connectCodes.has(code)) return new HttpTransportError(what, message, 'connect', { code, cause: error });
  if (code && resetCodes.has(code)) return new HttpTransportError(what, `connection reset (${message})`, 'reset', { code, cause: error });
  if (code === 'UND_ERR_ABORTED' || (error instanceof Error && error.name === 'AbortError')) {
    return new HttpTransportError(what, `timed out after ${timeoutMs} ms`, 'timeout', { code, cause: error });
  }
  if (code?.startsWith('ERR_TLS')) return new HttpTransportError(what, `TLS failure: ${message}`, 'tls', { code, cause: error });
  return new HttpTransportError(what, message || 'request failed', 'other', { code, cause: error });
}
