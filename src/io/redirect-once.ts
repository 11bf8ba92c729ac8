// Hands a secret URL to the browser without putting it on a command line: the browser is
// started with http://127.0.0.1:<port>/<random path> (harmless in `ps` and shell history),
// and the first request for that path is answered with a 302 to the secret URL, which is what
// AWS recommends for console sign-in URLs ("returning the URL through a secure redirect").
// Then the server closes: the path works once. Other paths get 404.
import type { Server } from 'node:http';

interface RedirectOnce {
  /** What to give the browser. */
  url: string;
  /** true once the browser was redirected; false when nothing came within the timeout. */
  served: Promise<boolean>;
  close(): Promise<void>;
}

export async function startRedirectOnce(target: string, timeoutMs: number): Promise<RedirectOnce> {
  const [{ createServer }, { randomBytes }] = await Promise.all([import('node:http'), import('node:crypto')]);
  const path = `/${randomBytes(24).toString('hex')}`;
  let settle!: (served: boolean) => void;
  const served = new Promise<boolean>((resolve) => (settle = resolve));
  let done = false;
  const server: Server = createServer((req, res) => {
    if (done || req.method !== 'GET' || req.url !== path) {
      res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' }).end('not found\n');
      return;
    }
    done = true;
    res.once('finish', () => {
      settle(true);
      void close();
    });
    res.writeHead(302, { location: target, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', connection: 'close' }).end();
  });
  const timer = setTimeout(() => {
    done = true;
    settle(false);
    void close();
  }, timeoutMs);
  timer.unref();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      server.close(() => resolve());
      server.closeIdleConnections();
    }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('redirect server: no port');
  return { url: `http://127.0.0.1:${address.port}${path}`, served, close };
}
