// Finding a Python that imports botocore, the reference for "what would the AWS CLI do".
// Locally the pyenv `python3` has botocore 1.43 and /usr/bin/python3 Debian's 1.29; CI installs
// python3-botocore (Debian). Tests ask for a minimum version and skip, with the reason, otherwise.
import { spawnSync } from 'node:child_process';

export interface Botocore {
  python: string;
  version: string;
}

let found: Botocore[] | undefined;

function candidates(): Botocore[] {
  if (found) return found;
  found = [];
  // AWSCTL_BOTOCORE_PYTHON picks one interpreter (e.g. /usr/bin/python3 for Debian's botocore).
  const pythons = process.env.AWSCTL_BOTOCORE_PYTHON ? [process.env.AWSCTL_BOTOCORE_PYTHON] : ['python3', '/usr/bin/python3'];
  for (const python of pythons) {
    const result = spawnSync(python, ['-c', 'import botocore; print(botocore.__version__)'], { encoding: 'utf8' });
    if (result.status === 0) found.push({ python, version: result.stdout.trim() });
  }
  return found;
}

function atLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The newest botocore at or above `minimum`, or a reason to skip. */
export function findBotocore(minimum = '1.29'): Botocore | string {
  const all = candidates().filter((c) => atLeast(c.version, minimum));
  all.sort((x, y) => (atLeast(x.version, y.version) ? -1 : 1));
  return all[0] ?? `no python3 with botocore >= ${minimum} (CI installs python3-botocore)`;
}

/** Runs a Python script with JSON on stdin, returns its JSON stdout. */
export function runPython<T>(botocore: Botocore, script: string, input: unknown, env: NodeJS.ProcessEnv = process.env): T {
  const result = spawnSync(botocore.python, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env });
  if (result.status !== 0) throw new Error(`${botocore.python} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
