// An HttpClient that serves recorded exchanges in order, the way smithy-rs's ReplayingClient
// does: the N-th request gets the N-th recorded response whatever it asked for, and the
// requests are checked afterwards (verify), so one wrong URI shows up as a named mismatch
// instead of a confusing downstream failure. A request past the last recording gets a
// connection error, as in Rust ("no data for event N").
import { HttpTransportError } from '../../../src/io/http-errors.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/io/context.ts';
import type { RecordedExchange, RecordedRequest } from './traffic.ts';

export interface MatchRules {
  /** Recorded request headers whose values must match (when the recording has them). */
  checkedHeaders: readonly string[];
  /** Kotlin records the IMDS role list without the trailing slash that Rust and awsctl use. */
  ignoreTrailingSlash: boolean;
  /**
   * The recordings predate the IMDS "extended" credentials API (…/security-credentials-extended/),
   * which awsctl tries first (README §10, the cross-SDK Ruby cases) and leaves on a 404. The
   * recorded instances did not serve it, so such a request is answered 404 without using a
   * recording, and awsctl's legacy fallback then meets the recorded traffic exactly.
   */
  imdsWithoutExtendedApi: boolean;
}

/** Rust checks content-type and the IMDS token; the SSO bearer token is as cheap and as telling. */
export const RUST_RULES: MatchRules = {
  checkedHeaders: ['content-type', 'x-aws-ec2-metadata-token', 'x-amz-sso_bearer_token'],
  ignoreTrailingSlash: false,
  imdsWithoutExtendedApi: true,
};

/** Kotlin only compares hosts; method, path, query set and the token headers are checked here too. */
export const KOTLIN_RULES: MatchRules = { ...RUST_RULES, ignoreTrailingSlash: true };

export interface ReplayingHttpClient extends HttpClient {
  /** Requests sent so far (method + URL), for reports; answered-by-rule ones included. */
  readonly sent: ReadonlyArray<{ method: string; url: string }>;
  /** Requests answered by a rule (imdsWithoutExtendedApi) rather than by a recording. */
  readonly synthesized: ReadonlyArray<{ method: string; url: string }>;
  /**
   * Problems found: mismatched requests, unused recordings, requests past the end. When the
   * case expects an error, extra requests that only repeat the last recorded one (retries of
   * a failure recorded with retries off) are tolerated.
   */
  verify(options: { expectError: boolean }): string[];
}

function queryPairs(search: string): string[] {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return [];
  return raw
    .split('&')
    .map((pair) => safeDecode(pair))
    .sort();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

function normalPath(path: string, ignoreTrailingSlash: boolean): string {
  const p = path === '' ? '/' : path;
  return ignoreTrailingSlash && p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Identical strings, or same scheme, authority and path with the same SET of query parameters. */
export function uriMatches(recorded: string, actual: string, ignoreTrailingSlash = false): boolean {
  if (recorded === actual) return true;
  let r: URL;
  let a: URL;
  try {
    r = new URL(recorded);
    a = new URL(actual);
  } catch {
    return false;
  }
  if (r.protocol !== a.protocol || r.host !== a.host) return false;
  if (normalPath(r.pathname, ignoreTrailingSlash) !== normalPath(a.pathname, ignoreTrailingSlash)) return false;
  const rq = queryPairs(r.search);
  const aq = queryPairs(a.search);
  return rq.length === aq.length && rq.every((pair, i) => pair === aq[i]);
}

/** Content types are compared by media type: botocore and awsctl add `; charset=utf-8` to STS bodies. */
function headerValue(name: string, value: string): string {
  return name === 'content-type' ? (value.split(';')[0] ?? '').trim().toLowerCase() : value;
}

/** Differences between a recorded request and the one awsctl sent; empty when they match. */
export function requestMismatches(recorded: RecordedRequest, actual: HttpRequest, rules: MatchRules): string[] {
  const problems: string[] = [];
  if (recorded.method && recorded.method.toUpperCase() !== actual.method.toUpperCase()) problems.push(`method ${actual.method}, recorded ${recorded.method}`);
  if (!uriMatches(recorded.uri, actual.url, rules.ignoreTrailingSlash)) problems.push(`URI ${actual.url}, recorded ${recorded.uri}`);
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(actual.headers)) sent[name.toLowerCase()] = value;
  for (const name of rules.checkedHeaders) {
    const want = recorded.headers[name];
    if (want === undefined) continue;
    const got = sent[name];
    // Header values can be secrets (tokens): say which header differs, never what it holds.
    if (got === undefined) problems.push(`header ${name} missing`);
    else if (headerValue(name, got) !== headerValue(name, want)) problems.push(`header ${name} differs from the recording`);
  }
  return problems;
}

function isImdsExtendedApi(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith('/latest/meta-data/iam/security-credentials-extended');
  } catch {
    return false;
  }
}

export function createReplayingHttpClient(exchanges: readonly RecordedExchange[], rules: MatchRules): ReplayingHttpClient {
  const sent: Array<{ method: string; url: string }> = [];
  const synthesized: Array<{ method: string; url: string }> = [];
  let used = 0;
  const mismatches: string[] = [];
  const extra: HttpRequest[] = [];

  return {
    sent,
    synthesized,
    async send(request: HttpRequest): Promise<HttpResponse> {
      sent.push({ method: request.method, url: request.url });
      if (rules.imdsWithoutExtendedApi && isImdsExtendedApi(request.url)) {
        synthesized.push({ method: request.method, url: request.url });
        return { status: 404, headers: { 'content-type': 'text/html' }, body: '' };
      }
      const index = used++;
      const exchange = exchanges[index];
      if (!exchange) {
        extra.push(request);
        throw new HttpTransportError(
          `${request.method} ${request.url}`,
          `no recorded response for request ${index + 1} (the recording has ${exchanges.length})`,
          'connect',
          { code: 'ECONNREFUSED' },
        );
      }
      for (const problem of requestMismatches(exchange.request, request, rules)) mismatches.push(`request ${index + 1}: ${problem}`);
      if (exchange.response.kind === 'connection-error') {
        throw new HttpTransportError(`${request.method} ${request.url}`, `recorded connection error: ${exchange.response.message}`, 'connect', {
          code: 'ECONNREFUSED',
        });
      }
      return { status: exchange.response.status, headers: { ...exchange.response.headers }, body: exchange.response.body };
    },
    verify({ expectError }) {
      const problems = [...mismatches];
      if (used < exchanges.length) problems.push(`only ${used} of ${exchanges.length} recorded requests were made`);
      const last = exchanges.at(-1);
      const isRetryOfLast = (r: HttpRequest): boolean => last !== undefined && requestMismatches(last.request, r, rules).length === 0;
      for (const r of extra) {
        if (expectError && isRetryOfLast(r)) continue;
        problems.push(`unexpected request past the recording: ${r.method} ${r.url}`);
      }
      return problems;
    },
  };
}
