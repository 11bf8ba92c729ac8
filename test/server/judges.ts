// The real clients that judge the credential server, run as the child of `awsctl exec --server`:
// botocore (each interpreter that imports it: the pyenv python3 on PATH has a recent botocore,
// /usr/bin/python3 Debian's 1.29) and the AWS SDK for JavaScript v3 from node_modules.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BOTOCORE_LOOP = fileURLToPath(new URL('./children/botocore-loop.py', import.meta.url));
export const SDK_JS_LOOP = fileURLToPath(new URL('./children/sdk-js-loop.mjs', import.meta.url));

export interface Python {
  path: string;
  botocore: string;
}

function botocoreOf(python: string): Python | undefined {
  try {
    const version = execFileSync(python, ['-c', 'import botocore; print(botocore.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return { path: python, botocore: version };
  } catch {
    return undefined;
  }
}

/** Interpreters with botocore, newest first; `minor` filters on botocore 1.<minor> or later. */
export function pythonsWithBotocore(minor = 0): Python[] {
  const found = ['python3', '/usr/bin/python3'].map(botocoreOf).filter((p): p is Python => p !== undefined);
  const unique = found.filter((p, i) => found.findIndex((q) => q.botocore === p.botocore) === i);
  return unique.filter((p) => Number(p.botocore.split('.')[1]) >= minor);
}

export interface LoopReport {
  keys: string[];
  calls: number;
  env: string[];
  methods?: string[];
  extensions?: string[];
  botocore?: string;
}

export function reportOf(stdout: string): LoopReport {
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as LoopReport;
}
