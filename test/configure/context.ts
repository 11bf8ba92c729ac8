// A Context for calling command modules in-process: the real file system (under a temp HOME),
// a scripted prompter that records what it was asked, and captured stdout/stderr.
import type { Context, Prompter } from '../../src/io/context.ts';
import { createNodeFileSystem } from '../../src/io/node-fs.ts';
import type { CommandInput } from '../../src/cli/action.ts';
import { assertSafeHome } from '../helpers/cli.ts';

export interface ScriptedAnswers {
  secret?: string[];
  confirm?: boolean[];
}

export interface TestContext {
  ctx: Context;
  stdout: () => string;
  stderr: () => string;
  asked: string[];
}

export function testContext(home: string, options: { env?: Record<string, string>; answers?: ScriptedAnswers; interactive?: boolean } = {}): TestContext {
  assertSafeHome(home);
  let out = '';
  let err = '';
  const asked: string[] = [];
  const answers = { secret: [...(options.answers?.secret ?? [])], confirm: [...(options.answers?.confirm ?? [])] };
  const next = <T>(list: T[], message: string): T => {
    asked.push(message);
    const answer = list.shift();
    if (answer === undefined) throw new Error(`unexpected prompt: ${message}`);
    return answer;
  };
  const prompt: Prompter = {
    secret: async (message) => next(answers.secret, message),
    text: async (message) => next([], message),
    confirm: async (message) => next(answers.confirm, message),
  };
  const ctx: Context = {
    env: { HOME: home, ...options.env },
    platform: process.platform,
    homedir: () => home,
    fs: createNodeFileSystem(),
    now: () => new Date(),
    sleep: async () => {},
    random: Math.random,
    http: { send: async () => Promise.reject(new Error('no HTTP in these tests')) },
    processes: { run: async () => Promise.reject(new Error('no processes in these tests')) },
    prompt,
    stdout: { write: (t) => void (out += t), isTTY: false },
    stderr: { write: (t) => void (err += t), isTTY: false },
    debug: () => {},
    interactive: options.interactive ?? true,
  };
  return { ctx, stdout: () => out, stderr: () => err, asked };
}

export function commandInput(args: string[], options: Record<string, unknown> = {}, global: Partial<CommandInput['global']> = {}): CommandInput {
  return { global: { input: true, debug: false, color: false, ...global }, options, args, afterDashDash: undefined };
}
