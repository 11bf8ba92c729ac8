// The one Context for in-process tests (commands, executors, AWS clients, the conformance
// runner): real parts by default (the disk under a temp HOME, HTTP over undici to the fakes on
// 127.0.0.1, child processes) and fakes for everything a test must control or read back: the
// clock, sleeps (instant, recorded), "random", prompts (scripted answers, recorded questions),
// DNS, stdout/stderr/debug lines and the CA bundle asked for. Each option swaps one part.
import { AwsctlError } from '../../src/errors.ts';
import type { CommandInput } from '../../src/cli/action.ts';
import type { Context, Env, FileSystem, HttpClient, ProcessRunner } from '../../src/io/context.ts';
import { createHttpClient } from '../../src/io/http.ts';
import { createNodeFileSystem } from '../../src/io/node-fs.ts';
import { createProcessRunner } from '../../src/io/processes.ts';
import { assertSafeHome } from './cli.ts';

/** One scripted answer per prompt, in order: a string for text and secret questions, a boolean for yes/no. */
export type Answer = string | boolean;

export interface TestContextOptions {
  /** A temp folder (checked): HOME in the environment and what homedir() returns. Without it there is no home at all. */
  home?: string;
  /** The environment, exactly (plus HOME when `home` is given); frozen. */
  env?: Env;
  /** Shared with the fake servers so their expirations follow the same clock; now() returns copies. */
  clock?: { now: Date };
  interactive?: boolean;
  answers?: Answer[];
  /** Default: real HTTP (undici), made on first use. */
  http?: HttpClient;
  /** Default: the real file system. */
  fs?: FileSystem;
  /** Default: real child processes. */
  processes?: ProcessRunner;
  platform?: NodeJS.Platform;
  /** Default: answers from the test's `dns` table, ENOTFOUND for any other name. */
  dnsLookup?: (host: string) => Promise<string[]>;
  /** What standard input holds when it is a pipe (undefined: no stdin given). */
  stdin?: string;
}

export interface TestContext extends Context {
  clock: { now: Date };
  /** Answers not used yet. */
  answers: Answer[];
  /** Every prompt shown, answered or not. */
  questions: string[];
  out: string[];
  err: string[];
  debugLines: string[];
  sleeps: number[];
  dns: Record<string, string[]>;
  caBundles: string[];
  stdoutText(): string;
  stderrText(): string;
  dnsLookup(host: string): Promise<string[]>;
}

export function testContext(options: TestContextOptions = {}): TestContext {
  if (options.home !== undefined) assertSafeHome(options.home);
  const clock = options.clock ?? { now: new Date() };
  let http = options.http;
  const ctx: TestContext = {
    env: Object.freeze(options.home !== undefined ? { HOME: options.home, ...options.env } : { ...options.env }),
    platform: options.platform ?? process.platform,
    homedir: () => options.home,
    fs: options.fs ?? createNodeFileSystem(),
    now: () => new Date(clock.now.getTime()),
    sleep: async (ms) => void ctx.sleeps.push(ms),
    random: () => 0.5,
    get http(): HttpClient {
      http ??= createHttpClient({ env: {} });
      return http;
    },
    processes: options.processes ?? createProcessRunner(),
    prompt: {
      secret: async (message) => answer(ctx, message, 'string'),
      text: async (message) => answer(ctx, message, 'string'),
      confirm: async (message) => answer(ctx, message, 'boolean'),
    },
    stdout: { write: (text) => void ctx.out.push(text), isTTY: false },
    stderr: { write: (text) => void ctx.err.push(text), isTTY: false },
    ...(options.stdin !== undefined ? { stdin: { isTTY: false, readAll: async () => options.stdin! } } : {}),
    debug: (message) => void ctx.debugLines.push(message),
    interactive: options.interactive ?? true,
    dnsLookup:
      options.dnsLookup ??
      (async (host) => {
        const addresses = ctx.dns[host];
        if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
        return addresses;
      }),
    useCaBundle: (path) => void ctx.caBundles.push(path),
    clock,
    answers: [...(options.answers ?? [])],
    questions: [],
    out: [],
    err: [],
    debugLines: [],
    sleeps: [],
    dns: {},
    caBundles: [],
    stdoutText: () => ctx.out.join(''),
    stderrText: () => ctx.err.join(''),
  };
  return ctx;
}

function answer(ctx: TestContext, message: string, kind: 'string'): Promise<string>;
function answer(ctx: TestContext, message: string, kind: 'boolean'): Promise<boolean>;
async function answer(ctx: TestContext, message: string, kind: 'string' | 'boolean'): Promise<Answer> {
  ctx.questions.push(message);
  // As the real prompter without a terminal: a person is needed and none is there.
  if (ctx.answers.length === 0) throw new AwsctlError(`cannot ask "${message}"`, 'there is no terminal to ask on');
  const next = ctx.answers.shift()!;
  if (typeof next !== kind) throw new Error(`test script: "${message}" wants a ${kind} answer, the next one is ${JSON.stringify(next)}`);
  return next;
}

/** What commander hands a command handler, for calling handlers in-process. */
export function commandInput(args: string[], options: Record<string, unknown> = {}, global: Partial<CommandInput['global']> = {}): CommandInput {
  return { global: { input: true, debug: false, color: false, ...global }, options, args, afterDashDash: undefined };
}
