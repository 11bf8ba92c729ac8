// A small HTTP server seam for long-running local servers (the credential server): node:http
// behind an interface, so the use case never touches sockets and tests can run it in-process.
// The handler is synchronous on purpose: every answer comes from memory, so no request can
// wait on a refresh, a prompt or the network. Request bodies are never read (drained and
// dropped); slow or idle connections are cut by short timeouts; close() ends every socket, so
// a server never keeps awsctl alive after its child has exited.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ListenerRequest {
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Readonly<Record<string, string>>;
  remoteAddress: string;
  remotePort: number;
  /** Our own port on this connection. */
  localPort: number;
}

export interface ListenerResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type RequestHandler = (request: ListenerRequest) => ListenerResponse;

interface HttpListener {
  /** The address actually bound (as given) and the port (the real one when 0 was asked). */
  host: string;
  port: number;
  close(): Promise<void>;
}

export type Listen = (address: { host: string; port: number }, handler: RequestHandler) => Promise<HttpListener>;

/** Idle keep-alive connections and slow headers are dropped after this long. */
const SOCKET_TIMEOUT_MS = 10_000;

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

export const listenHttp: Listen = async (address, handler) => {
  const { createServer } = await import('node:http');
  const sockets = new Set<Socket>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    let answer: ListenerResponse;
    try {
      answer = handler({
        method: request.method ?? 'GET',
        target: request.url ?? '/',
        headers: headersOf(request),
        remoteAddress: request.socket.remoteAddress ?? '',
        remotePort: request.socket.remotePort ?? 0,
        localPort: request.socket.localPort ?? 0,
      });
    } catch {
      answer = {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: '{"Code":"InternalError","Message":"awsctl could not answer this request"}',
      };
    }
    const body = Buffer.from(answer.body, 'utf8');
    response.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) }).end(body);
  });
  server.headersTimeout = SOCKET_TIMEOUT_MS;
  server.requestTimeout = SOCKET_TIMEOUT_MS;
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.setTimeout(SOCKET_TIMEOUT_MS, () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : address.port;
  return {
    host: address.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
