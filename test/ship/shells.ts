// Helpers for the shipping tests: find a shell, run a script in it with a clean environment
// (temp HOME, PATH led by a folder whose `awsctl` runs this checkout), skip reasons (the tools
// themselves: test/helpers/tools.ts).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand, cleanEnv, repoRoot, tempDir } from '../helpers/cli.ts';

export const distBundle = join(repoRoot, 'dist', 'awsctl.mjs');
export const NO_BUNDLE = 'dist/awsctl.mjs is missing: run `npm run build` first';

/** A folder holding an `awsctl` that runs the built CLI (or $AWSCTL_BIN), as an installed one would. */
export function awsctlShimDir(): string {
  const dir = tempDir('awsctl-shim-');
  const command = awsctlCommand.map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
  writeFileSync(join(dir, 'awsctl'), `#!/bin/sh\nexec ${command} "$@"\n`);
  chmodSync(join(dir, 'awsctl'), 0o755);
  return dir;
}

export interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runShell(argv: string[], home: string, extraPath?: string): ShellRun {
  const env = cleanEnv(home);
  if (extraPath) env.PATH = `${extraPath}:${env.PATH}`;
  const result = spawnSync(argv[0]!, argv.slice(1), { env, cwd: home, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function bundleBuilt(): boolean {
  return process.env.AWSCTL_BIN ? existsSync(process.env.AWSCTL_BIN) : existsSync(distBundle);
}

export const completionFile = (name: string) => join(repoRoot, 'completions', name);
