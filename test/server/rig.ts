// An in-process credential server on 127.0.0.1 (the real node:http listener) with a fake clock
// and a holder the test controls, and a raw HTTP client that can send any Host header.
import { request as httpRequest } from 'node:http';
import type { AwsCredentials } from '../../src/aws/types.ts';
import { listenHttp } from '../../src/io/http-listener.ts';
import type { Current } from '../../src/server/credential-holder.ts';
import { startCredentialServer, type CredentialServer } from '../../src/server/credential-server.ts';
import type { ImdsOptions } from '../../src/server/imds-routes.ts';
import { fixedToken, type TokenAuthority } from '../../src/server/token.ts';

export const TOKEN = 'test-token-0123456789abcdef0123456789abcdef';
export const CREDS: AwsCredentials = {
  accessKeyId: 'ASIATESTKEY000000001',
  secretAccessKey: 'secret-1',
  sessionToken: 'session-1',
  expiration: new Date('2030-01-01T01:00:00Z'),
  accountId: '123456789012',
};

export interface Rig {
  server: CredentialServer;
  clock: { now: Date };
  current: { value: Current };
  debug: string[];
  get(
    path: string,
    headers?: Record<string, string>,
    method?: string,
  ): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

export async function startRig(
  options: { imds?: boolean; auth?: TokenAuthority; holder?: { current(): Current }; sameUser?: ImdsOptions['sameUser'] } = {},
): Promise<Rig> {
  const clock = { now: new Date('2030-01-01T00:00:00Z') };
  const current = { value: { kind: 'ok', credentials: CREDS, obtainedAt: clock.now } as Current };
  const debug: string[] = [];
  const server = await startCredentialServer({
    listen: listenHttp,
    host: '127.0.0.1',
    port: 0,
    holder: options.holder ?? { current: () => current.value },
    auth: options.auth ?? fixedToken(TOKEN),
    ...(options.imds ? { imds: { roleName: 'dev', region: 'eu-west-1', ...(options.sameUser ? { sameUser: options.sameUser } : {}) } } : {}),
    now: () => clock.now,
    debug: (message) => debug.push(message),
  });
  const get: Rig['get'] = (path, headers = {}, method = 'GET') =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers }, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  return { server, clock, current, debug, get, close: () => server.close() };
}
