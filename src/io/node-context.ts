// The real Context: the process environment, the disk, the clock, HTTP over undici, child
// processes, and prompts on /dev/tty. Parts with heavy dependencies are created on first use.
import { homedir } from 'node:os';
import { writeAllSync } from './fd-write.ts';
import { AwsctlError } from '../errors.ts';
import type { Context, HttpClient } from './context.ts';
import { createNodeFileSystem } from './node-fs.ts';
import { parentProgram } from './parent-process.ts';
import { createProcessRunner } from './processes.ts';
import { createTerminalPrompter } from './prompt.ts';
import { redact, redactUrl } from './redact.ts';
import { terminalSafeLines } from '../text/terminal-safe.ts';

export function createNodeContext(options: { debug: boolean; input: boolean }): Context {
  const env = process.env;
  let http: HttpClient | undefined;
  // The profile's ca_bundle, set by the executor once it knows the profile (AWS_CA_BUNDLE wins).
  let profileCaBundle: string | undefined;
  const started = Date.now();
  const ctx: Context = {
    env,
    platform: process.platform,
    homedir: () => {
      try {
        return homedir();
      } catch {
        return undefined;
      }
    },
    fs: createNodeFileSystem(),
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    get http(): HttpClient {
      // Created lazily: the cached path never needs HTTP, so it never loads undici.
      http ??= lazyHttpClient(ctx, () => profileCaBundle);
      return http;
    },
    processes: createProcessRunner(),
    prompt: createTerminalPrompter({ interactive: options.input }),
    // Plain fd writes, and isTTY read only when asked: touching process.stdout/stderr/stdin builds
    // stream objects (a net.Socket on a pipe), ~2-3 ms that the cached credential_process path
    // does not need.
    stdout: {
      write: (text) => writeAllSync(1, text),
      get isTTY() {
        return process.stdout.isTTY === true;
      },
    },
    stderr: {
      write: (text) => writeAllSync(2, text),
      get isTTY() {
        return process.stderr.isTTY === true;
      },
    },
    stdin: {
      get isTTY() {
        return process.stdin.isTTY === true;
      },
      readAll: readStandardInput,
    },
    debug: options.debug ? (message) => writeAllSync(2, `[debug +${Date.now() - started}ms] ${terminalSafeLines(redact(message))}\n`) : () => {},
    interactive: options.input,
    parentProgram: () => parentProgram(process.platform, process.ppid),
    dnsLookup: async (host) => {
      const { lookup } = await import('node:dns/promises');
      return (await lookup(host, { all: true })).map((entry) => entry.address);
    },
    useCaBundle: (path) => {
      profileCaBundle ??= path;
    },
    runInherited: async (argv, childEnv) => {
      const { runInherited } = await import('./run-inherited.ts');
      return runInherited(argv, childEnv);
    },
    openUrl: async (url) => {
      const { createBrowserOpener } = await import('./browser.ts');
      return createBrowserOpener(ctx.env, ctx.platform, ctx.debug)(url);
    },
  };
  return ctx;
}

/** An HttpClient whose undici-backed implementation (with CA bundle and proxies) loads on the first request. */
function lazyHttpClient(ctx: Context, profileCaBundle: () => string | undefined): HttpClient {
  let real: Promise<HttpClient> | undefined;
  return {
    async send(request) {
      real ??= import('./http.ts').then((m) => m.createHttpClient({ env: ctx.env, caBundle: readCaBundle(ctx, profileCaBundle()) }));
      const started = Date.now();
      try {
        const response = await (await real).send(request);
        ctx.debug(`HTTP ${request.method} ${redactUrl(request.url)} → ${response.status} (${Date.now() - started} ms)`);
        return response;
      } catch (error) {
        ctx.debug(`HTTP ${request.method} ${redactUrl(request.url)} failed after ${Date.now() - started} ms: ${(error as Error).message}`);
        throw error;
      }
    },
  };
}

/** AWS_CA_BUNDLE, else the profile's ca_bundle; a named file that does not exist is an error, not "no bundle". */
function readCaBundle(ctx: Context, fromProfile: string | undefined): string | undefined {
  const fromEnv = ctx.env.AWS_CA_BUNDLE?.trim();
  const path = fromEnv ? fromEnv : fromProfile;
  if (!path) return undefined;
  const bytes = ctx.fs.readFile(path);
  if (bytes === undefined) {
    throw new AwsctlError('CA bundle', `${path} does not exist`, { hint: `fix ${fromEnv ? 'AWS_CA_BUNDLE' : "the profile's ca_bundle"} or remove it` });
  }
  return bytes.toString('utf8');
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
