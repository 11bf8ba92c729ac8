// What the bench runs: the bundled script (node bin/awsctl → dist/) or a single binary, always
// with a clean environment and a temp HOME (test/helpers/cli.ts guards against a real ~/.aws).
import { join } from 'node:path';
import { cleanEnv, repoRoot } from '../../test/helpers/cli.ts';
import type { Invocation } from './spawn.ts';

export interface Target {
  /** Shown in the table: "script", "binary", "binary (no code cache)". */
  label: string;
  command: string;
  prefix: string[];
  /** Set for every run of this target. */
  env?: Record<string, string>;
}

export function scriptTarget(launcher = join(repoRoot, 'bin', 'awsctl')): Target {
  return { label: 'script', command: process.execPath, prefix: [launcher] };
}

export function binaryTarget(path: string, label = 'binary', env?: Record<string, string>): Target {
  return { label, command: path, prefix: [], env };
}

export function invoke(target: Target, args: string[], home: string, env: Record<string, string> = {}): Invocation {
  return { command: target.command, args: [...target.prefix, ...args], env: cleanEnv(home, { ...target.env, ...env }), cwd: home };
}

/** The baseline every case is compared with: the same Node starting and doing nothing. */
export function baselineInvocation(home: string): Invocation {
  return { command: process.execPath, args: ['-e', '0'], env: cleanEnv(home), cwd: home };
}
