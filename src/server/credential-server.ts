// The credential server: the listener seam, the handler and the credentials it serves, put
// together. It knows nothing of profiles or the resolver (see profile-server.ts), so tests can
// run it in-process with any holder and a real or fake listener.
import type { Listen } from '../io/http-listener.ts';
import type { CredentialHolder } from './credential-holder.ts';
import { allowedHostsFor, CONTAINER_PATH, createHandler } from './handler.ts';
import { createImdsTokens } from './imds-tokens.ts';
import type { ImdsOptions } from './imds-routes.ts';
import type { TokenAuthority } from './token.ts';

interface CredentialServerOptions {
  listen: Listen;
  host: string;
  /** 0 = a random free port. */
  port: number;
  holder: Pick<CredentialHolder, 'current'>;
  auth: TokenAuthority;
  /** Serve the IMDS routes too, under this role name. */
  imds?: Omit<ImdsOptions, 'tokens'>;
  now(): Date;
  debug(message: string): void;
}

export interface CredentialServer {
  port: number;
  /** http://127.0.0.1:<port>/credentials */
  containerUri: string;
  /** http://127.0.0.1:<port>/ when IMDS is served. */
  imdsEndpoint?: string;
  close(): Promise<void>;
}

function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  // The port is known only once bound; until then no request can arrive.
  let allowedHosts: ReadonlySet<string> = new Set();
  const handler = createHandler({
    holder: options.holder,
    auth: options.auth,
    get allowedHosts() {
      return allowedHosts;
    },
    ...(options.imds ? { imds: { tokens: createImdsTokens(), ...options.imds } } : {}),
    now: options.now,
    debug: options.debug,
  });
  const listener = await options.listen({ host: options.host, port: options.port }, handler);
  allowedHosts = allowedHostsFor(options.host, listener.port);
  const base = `http://${hostInUrl(options.host)}:${listener.port}`;
  const server: CredentialServer = { port: listener.port, containerUri: `${base}${CONTAINER_PATH}`, close: () => listener.close() };
  if (options.imds) server.imdsEndpoint = `${base}/`;
  return server;
}
