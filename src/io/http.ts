// The real HttpClient: undici (loaded lazily, so the cached `awsctl process` path never pays for
// it), keep-alive, one deadline for the whole call, proxies from the environment, an optional CA
// bundle, a response size cap, and no redirects ever: a redirect could carry a signed request or
// a bearer token to a host the user never configured.
import type { Dispatcher } from 'undici';
import { AwsctlError } from '../errors.ts';
import type { Env, HttpClient, HttpRequest, HttpResponse } from './context.ts';
import { HttpTransportError, describeTransportFailure } from './http-errors.ts';

const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

interface HttpClientOptions {
  /**
   * PEM contents of AWS_CA_BUNDLE / ca_bundle. Like the AWS CLI (botocore) and the Go SDK, the
   * bundle REPLACES the default trust store rather than adding to it.
   */
  caBundle?: string;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) are read from; never process.env directly. */
  env: Env;
  maxResponseBytes?: number;
  /** Receives one redacted line per call (method, URL without query values, status, ms). */
  debug?: (message: string) => void;
}

export interface ClosableHttpClient extends HttpClient {
  /** Closes pooled keep-alive connections. Idle sockets never keep the process alive anyway. */
  close(): Promise<void>;
}

interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

/** Proxy variables as curl and the SDKs read them: lower case first, then upper case. */
export function proxySettingsFromEnv(env: Env): ProxySettings | undefined {
  const pick = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const httpProxy = pick('http_proxy');
  const httpsProxy = pick('https_proxy');
  if (!httpProxy && !httpsProxy) return undefined;
  return { httpProxy, httpsProxy, noProxy: pick('no_proxy') ?? '' };
}

/** Throws a clear error when the CA bundle text holds no PEM certificate at all. */
export function checkCaBundle(pem: string): void {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
    throw new AwsctlError('CA bundle', 'the file contains no PEM certificate (-----BEGIN CERTIFICATE-----)', {
      hint: 'point AWS_CA_BUNDLE or ca_bundle at a PEM file',
    });
  }
}

/** URL for people and logs: query values are dropped, they can identify accounts or carry tokens. */
export function describeUrl(url: URL): string {
  const keys = [...url.searchParams.keys()];
  return `${url.origin}${url.pathname}${keys.length ? `?${keys.map((k) => `${k}=…`).join('&')}` : ''}`;
}

async function createDispatcher(options: HttpClientOptions): Promise<Dispatcher> {
  const undici = await import('undici');
  const tls = options.caBundle === undefined ? {} : { ca: options.caBundle };
  const proxy = proxySettingsFromEnv(options.env);
  if (!proxy) return new undici.Agent({ connect: tls, keepAliveTimeout: 4000 });
  // Values are passed explicitly (never undefined) so undici cannot fall back to process.env.
  return new undici.EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? '',
    noProxy: proxy.noProxy,
    connect: tls,
    requestTls: tls,
    keepAliveTimeout: 4000,
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function redirectError(what: string, status: number, location: string | undefined, base: URL): HttpTransportError {
  let target = 'an unnamed location';
  let absolute: string | undefined;
  try {
    if (location) {
      const url = new URL(location, base);
      target = url.host;
      absolute = url.href;
    }
  } catch {
    target = 'an unparsable location';
  }
  return new HttpTransportError(what, `server answered HTTP ${status}, a redirect to ${target}; awsctl never follows redirects`, 'redirect', {
    hint: 'check the endpoint URL (AWS_ENDPOINT_URL_*, endpoint_url) and any proxy in between',
    ...(absolute !== undefined ? { location: absolute } : {}),
  });
}

/** Drops a body we will not read; the listener keeps undici's late "aborted" error from going unhandled. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

async function readLimited(body: Dispatcher.ResponseData['body'], limit: number, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buffer.length;
    if (total > limit) {
      discard(body);
      throw new HttpTransportError(what, `response body larger than ${limit} bytes; refusing to read more`, 'too-large');
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpClient(options: HttpClientOptions): ClosableHttpClient {
  if (options.caBundle !== undefined) checkCaBundle(options.caBundle);
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let dispatcher: Promise<Dispatcher> | undefined;
  const getDispatcher = () => (dispatcher ??= createDispatcher(options));

  async function send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const what = `${request.method} ${describeUrl(url)}`;
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const [{ request: undiciRequest }, agent] = await Promise.all([import('undici'), getDispatcher()]);
      const response = await undiciRequest(url, {
        method: request.method as Dispatcher.HttpMethod,
        headers: request.headers,
        body: request.body,
        dispatcher: agent,
        signal: controller.signal,
        headersTimeout: request.timeoutMs,
        bodyTimeout: request.timeoutMs,
      });
      const headers = flattenHeaders(response.headers);
      if (response.statusCode >= 300 && response.statusCode < 400) {
        discard(response.body);
        throw redirectError(what, response.statusCode, headers.location, url);
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        discard(response.body);
        throw new HttpTransportError(what, `response body of ${declared} bytes exceeds the ${limit}-byte limit`, 'too-large');
      }
      const body = await readLimited(response.body, limit, what);
      options.debug?.(`http: ${what} → ${response.statusCode} in ${Math.round(performance.now() - started)} ms`);
      return { status: response.statusCode, headers, body };
    } catch (error) {
      const failure = controller.signal.aborted
        ? new HttpTransportError(what, `timed out after ${request.timeoutMs} ms`, 'timeout', { cause: error })
        : describeTransportFailure(what, error, request.timeoutMs);
      options.debug?.(`http: ${what} failed after ${Math.round(performance.now() - started)} ms: ${failure.why}`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  async function close(): Promise<void> {
    if (dispatcher) await (await dispatcher).close();
  }

  return { send, close };
}
