// One request to the credential server → one answer, from memory, synchronously. First the
// checks every route shares: a `Host` that is not the address we bound (DNS rebinding: a web
// page whose name resolves to 127.0.0.1 still sends its own name), an `Origin` (browsers add
// it; SDKs never do) and `X-Forwarded-For` (IMDS refuses proxied requests; so do we) are all
// refused. Then the container route, which needs the token, and the IMDS routes when enabled.
import type { ListenerRequest, ListenerResponse } from '../io/http-listener.ts';
import type { CredentialHolder } from './credential-holder.ts';
import { imdsResponse, type ImdsOptions } from './imds-routes.ts';
import { containerBody, errorResponse, jsonResponse } from './responses.ts';
import { tokenMatches, type TokenAuthority } from './token.ts';

export const CONTAINER_PATH = '/credentials';

interface HandlerOptions {
  holder: Pick<CredentialHolder, 'current'>;
  auth: TokenAuthority;
  /** Lower-cased `host:port` values a request may name. */
  allowedHosts: ReadonlySet<string>;
  imds?: ImdsOptions;
  now(): Date;
  debug(message: string): void;
}

/** The Host values that mean this server: the bound address and port (and localhost for loopback). */
export function allowedHostsFor(host: string, port: number): Set<string> {
  const literal = host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase();
  const hosts = new Set([`${literal}:${port}`]);
  if (host === '::1' || host.startsWith('127.')) hosts.add(`localhost:${port}`);
  return hosts;
}

/** What a request's User-Agent says about the client, short and printable, for --debug. */
function clientOf(request: ListenerRequest): string {
  const agent = request.headers['user-agent'] ?? '';
  const first = agent
    .split(' ')[0]
    ?.replace(/[^\w./@:+-]/g, '')
    .slice(0, 40);
  return first ? first : 'unknown client';
}

function route(request: ListenerRequest, options: HandlerOptions): ListenerResponse {
  if (request.headers['x-forwarded-for'] !== undefined) return errorResponse(403, 'Forbidden', 'requests through a proxy (X-Forwarded-For) are refused');
  if (!options.allowedHosts.has((request.headers.host ?? '').toLowerCase()))
    return errorResponse(403, 'Forbidden', 'the Host header does not name this server');
  if (request.headers.origin !== undefined) return errorResponse(403, 'Forbidden', 'requests from web pages are refused');
  const path = request.target.split('?')[0] ?? '';
  if (path === CONTAINER_PATH) return containerResponse(request, options);
  if (options.imds && path.startsWith('/latest/')) return imdsResponse(request, path, options.imds, options);
  return errorResponse(404, 'NotFound', 'no such path');
}

function containerResponse(request: ListenerRequest, options: HandlerOptions): ListenerResponse {
  if (request.method !== 'GET') return errorResponse(405, 'MethodNotAllowed', 'use GET');
  const given = request.headers.authorization;
  // Compared even when absent, so a missing token costs the same time as a wrong one.
  const valid = tokenMatches(given, options.auth.acceptedTokens());
  if (!valid)
    return given === undefined || given === ''
      ? errorResponse(401, 'Unauthorized', 'the Authorization header is missing')
      : errorResponse(403, 'Forbidden', 'the authorization token is not valid');
  const current = options.holder.current();
  if (current.kind !== 'ok') return errorResponse(503, 'CredentialsUnavailable', current.reason);
  return jsonResponse(200, containerBody(current.credentials, options.now()));
}

export function createHandler(options: HandlerOptions): (request: ListenerRequest) => ListenerResponse {
  return (request) => {
    const started = performance.now();
    const response = route(request, options);
    // The path is the client's text: printable ASCII only reaches the terminal.
    const path = (request.target.split('?')[0] ?? '').slice(0, 100).replace(/[^\x21-\x7e]/g, '?');
    options.debug(`server: ${request.method} ${path} → ${response.status} (${clientOf(request)}, ${(performance.now() - started).toFixed(1)} ms)`);
    return response;
  };
}
