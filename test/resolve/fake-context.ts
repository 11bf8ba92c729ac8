// A Context for executor tests: a real temp HOME on disk (the cache lock is a real file lock),
// real HTTP to the fake AWS servers, and fakes for everything a test must control: the clock,
// sleeps (instant, recorded), prompts (scripted answers, recorded questions), DNS, streams and
// debug lines.
import { AwsctlError } from '../../src/errors.ts';
import type { Context, Env } from '../../src/io/context.ts';
import { createHttpClient } from '../../src/io/http.ts';
import { createNodeFileSystem } from '../../src/io/node-fs.ts';
import { createProcessRunner } from '../../src/io/processes.ts';
import { assertSafeHome } from '../helpers/cli.ts';

export interface FakeContext extends Context {
  clock: { now: Date };
  questions: string[];
  answers: string[];
  out: string[];
  err: string[];
  debugLines: string[];
  sleeps: number[];
  dns: Record<string, string[]>;
  caBundles: string[];
}

export interface FakeContextOptions {
  home: string;
  env?: Env;
  /** Shared with the fake servers so their expirations follow the same clock. */
  clock?: { now: Date };
  interactive?: boolean;
  answers?: string[];
}

export function fakeContext(options: FakeContextOptions): FakeContext {
  assertSafeHome(options.home);
  const clock = options.clock ?? { now: new Date() };
  const ctx: FakeContext = {
    env: { HOME: options.home, ...options.env },
    platform: process.platform,
    homedir: () => options.home,
    fs: createNodeFileSystem(),
    now: () => clock.now,
    sleep: async (ms) => void ctx.sleeps.push(ms),
    random: () => 0.5,
    http: createHttpClient({ env: {} }),
    processes: createProcessRunner(),
    prompt: {
      secret: async (message) => ask(ctx, message),
      text: async (message) => ask(ctx, message),
      confirm: async () => false,
    },
    stdout: { write: (text) => void ctx.out.push(text), isTTY: false },
    stderr: { write: (text) => void ctx.err.push(text), isTTY: false },
    debug: (message) => void ctx.debugLines.push(message),
    interactive: options.interactive ?? true,
    dnsLookup: async (host) => {
      const addresses = ctx.dns[host];
      if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
      return addresses;
    },
    useCaBundle: (path) => void ctx.caBundles.push(path),
    clock,
    questions: [],
    answers: [...(options.answers ?? [])],
    out: [],
    err: [],
    debugLines: [],
    sleeps: [],
    dns: {},
    caBundles: [],
  };
  return ctx;
}

function ask(ctx: FakeContext, message: string): string {
  ctx.questions.push(message);
  const answer = ctx.answers.shift();
  if (answer === undefined) throw new AwsctlError(`cannot ask "${message}"`, 'there is no terminal to ask on');
  return answer;
}
