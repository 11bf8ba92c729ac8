// A scriptable HTTP(S) server on 127.0.0.1:0 that records every request. Each fake AWS service
// is a handler on top of it; tests push scripted misbehaviour (status codes, latency, resets,
// endless or huge bodies, redirects) in front of the handler. close() tears down every socket,
// so a test can never hang on a server it started.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Step =
  | ({ kind: 'reply'; delayMs?: number } & Reply)
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'endless-body'; status?: number }
  | { kind: 'huge-body'; bytes: number }
  | { kind: 'redirect'; location: string; status?: number };

export interface ScriptedStep {
  step: Step;
  /** Only requests this accepts consume the step; others fall through to the handler. */
  match?: (request: RecordedRequest) => boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** Queue steps; each is used once, in order, before the service handler answers. */
  script(...steps: Array<Step | ScriptedStep>): void;
  /** Added before every answer (handler or scripted). */
  latencyMs: number;
  close(): Promise<void>;
}

export interface ServerOptions {
  tls?: { key: string; cert: string };
  /** Largest request body accepted, to keep a runaway client from eating the test's memory. */
  maxRequestBytes?: number;
}

async function readRequest(req: IncomingMessage, limit: number): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeServer(handler: Handler, options: ServerOptions = {}): Promise<FakeServer> {
  const queue: ScriptedStep[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const fake = { latencyMs: 0 } as FakeServer;

  async function play(step: Step, res: ServerResponse, req: IncomingMessage): Promise<void> {
    switch (step.kind) {
      case 'reply':
        if (step.delayMs) await sleep(step.delayMs);
        res.writeHead(step.status, step.headers).end(step.body ?? '');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return; // Never answer; close() destroys the socket.
      case 'endless-body': {
        res.writeHead(step.status ?? 200, { 'content-type': 'text/xml' });
        const timer = setInterval(() => res.write('<a>'.repeat(16)), 20);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case 'huge-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(Buffer.alloc(step.bytes, 0x20));
        return;
      case 'redirect':
        res.writeHead(step.status ?? 307, { location: step.location }).end();
        return;
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const recorded = await readRequest(req, options.maxRequestBytes ?? 1024 * 1024);
      requests.push(recorded);
      if (fake.latencyMs) await sleep(fake.latencyMs);
      if (closed) return;
      const index = queue.findIndex((s) => !s.match || s.match(recorded));
      if (index >= 0) {
        const [scripted] = queue.splice(index, 1);
        await play(scripted!.step, res, req);
        return;
      }
      const reply = await handler(recorded);
      res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake server error: ${String(error)}`);
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => void onRequest(req, res);
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  fake.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  fake.requests = requests;
  fake.script = (...steps) => queue.push(...steps.map((s) => ('step' in s ? s : { step: s })));
  fake.close = async () => {
    closed = true;
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
