// The loopback redirect of the PKCE flow (RFC 8252 §7.3): an HTTP server on 127.0.0.1 and a
// random port that waits for the browser to come back to /oauth/callback with ?code&state.
// The state must be ours (else a page that says so, status 400, and the sign-in fails: another
// local program may be trying to slip its own code in); ?error ends it with the service's
// reason; nothing within the timeout ends it too. Only the first valid answer counts.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AwsctlError } from '../errors.ts';

const CALLBACK_PATH = '/oauth/callback';
const DEFAULT_CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

interface CallbackServer {
  /** http://127.0.0.1:<port>/oauth/callback */
  redirectUri: string;
  /** Resolves with the authorization code; rejects on a bad state, an error answer or the timeout. */
  code: Promise<string>;
  close(): Promise<void>;
}

function page(title: string, text: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`
  );
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type CallbackAnswer = { kind: 'code'; code: string } | { kind: 'error'; status: number; error: AwsctlError } | { kind: 'ignore' };

/** Pure: what one request to the loopback server means. */
export function interpretCallback(url: string, expectedState: string): CallbackAnswer {
  const parsed = new URL(url, 'http://127.0.0.1');
  if (parsed.pathname !== CALLBACK_PATH) return { kind: 'ignore' };
  const query = parsed.searchParams;
  const serviceError = query.get('error');
  if (serviceError !== null) {
    const description = query.get('error_description');
    const why = `IAM Identity Center answered ${serviceError}${description ? `: ${description.slice(0, 200)}` : ''}`;
    return { kind: 'error', status: 400, error: new AwsctlError('sign-in failed', why, { hint: 'run login again' }) };
  }
  if (query.get('state') !== expectedState) {
    const error = new AwsctlError('sign-in failed', "the browser came back with a state that is not this sign-in's", {
      hint: 'run login again; if it repeats, another program may be interfering',
    });
    return { kind: 'error', status: 400, error };
  }
  const code = query.get('code');
  if (!code)
    return {
      kind: 'error',
      status: 400,
      error: new AwsctlError('sign-in failed', 'the browser came back without an authorization code', { hint: 'run login again' }),
    };
  return { kind: 'code', code };
}

function reply(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(html);
}

export async function startCallbackServer(expectedState: string, timeoutMs = DEFAULT_CALLBACK_TIMEOUT_MS): Promise<CallbackServer> {
  const { createServer } = await import('node:http');
  let settle!: { resolve: (code: string) => void; reject: (error: unknown) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => {}); // the caller awaits it; this only keeps an early rejection from being "unhandled"
  let done = false;
  const finish = (action: () => void) => {
    if (done) return;
    done = true;
    action();
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const answer = req.method === 'GET' ? interpretCallback(req.url ?? '/', expectedState) : ({ kind: 'ignore' } as const);
    if (answer.kind === 'ignore') return reply(res, 404, page('Not found', 'This address only receives the IAM Identity Center sign-in.'));
    if (done) return reply(res, 409, page('Already handled', 'This sign-in has already finished. You can close this window.'));
    if (answer.kind === 'error') {
      reply(res, answer.status, page('Sign-in failed', `${escapeHtml(answer.error.why)}. Return to the terminal.`));
      return finish(() => settle.reject(answer.error));
    }
    reply(res, 200, page('Signed in', 'awsctl has your sign-in. You can close this window and return to the terminal.'));
    finish(() => settle.resolve(answer.code));
  };
  const server: Server = createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const timer = setTimeout(() => {
    const minutes = Math.round(timeoutMs / 60000);
    finish(() =>
      settle.reject(
        new AwsctlError('sign-in failed', `the browser did not come back within ${minutes >= 1 ? `${minutes} minutes` : `${Math.round(timeoutMs / 1000)} s`}`, {
          hint: 'run login again, or use --use-device-code to sign in on another device',
        }),
      ),
    );
  }, timeoutMs);
  timer.unref();
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    code,
    close: async () => {
      clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
