// The start-up fast path for `awsctl process` and `awsctl env` (what SDKs
// and shell prompts run over and over). It is the same command code as the full CLI, bundled into
// one file without the heavy parts: scripts/build.ts replaces every dynamic import with a module
// that throws, and the context below refuses the network, child processes and prompts. So it can
// only finish when the answer is already at hand (a fresh cache entry, static or environment
// keys). In every other case — a cache miss, an error, anything unusual on the command line —
// it has printed nothing and done nothing, and hands the same argv to the full CLI, whose answer
// is then the only one. Output is held back until the command has succeeded for that reason.
import type { Context } from '../io/context.ts';
import { createNodeContext } from '../io/node-context.ts';
import { writeAllSync } from '../io/fd-write.ts';
import { readFastInvocation } from './direct-argv.ts';
import * as processCommand from '../cli/commands/process.ts';
import * as envCommand from '../cli/commands/env.ts';

class NeedsFullCli extends Error {}

function refuse(): never {
  throw new NeedsFullCli('the fast path answers only from what is at hand');
}

/** True when it answered (and printed); false when the full CLI must run the same argv. */
export async function answerFromHand(argv: string[]): Promise<boolean> {
  const fast = readFastInvocation(argv);
  if (!fast) return false;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const real = createNodeContext(fast.input.global);
  const ctx: Context = {
    env: real.env,
    platform: real.platform,
    homedir: real.homedir,
    fs: real.fs,
    now: real.now,
    sleep: real.sleep,
    random: real.random,
    debug: real.debug,
    interactive: real.interactive,
    parentProgram: real.parentProgram,
    http: { send: refuse },
    processes: { run: refuse },
    prompt: { secret: refuse, text: refuse, confirm: refuse },
    runInherited: refuse,
    stdout: {
      write: (text) => void stdout.push(text),
      get isTTY() {
        return real.stdout.isTTY;
      },
    },
    stderr: {
      write: (text) => void stderr.push(text),
      get isTTY() {
        return real.stderr.isTTY;
      },
    },
  };
  try {
    const module = fast.command === 'process' ? processCommand : envCommand;
    if ((await module.run(ctx, fast.input)) !== 0) return false;
  } catch {
    return false;
  }
  writeAllSync(2, stderr.join(''));
  writeAllSync(1, stdout.join(''));
  return true;
}
