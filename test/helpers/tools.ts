// Tools the tests take from the machine (real shells, tmux, groff, openssl, Python with
// botocore). On a developer's machine a missing one skips the tests that need it, with the
// reason. In CI (CI=true) `.ci/run` installs every one of them, so a missing tool there is a
// failure, never a silent skip: a green CI run means every test ran.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

export const inCI = process.env.CI === 'true';

function ciFailure(reason: string): Error {
  return new Error(`${reason}, and CI=true: .ci/run installs everything the tests need, so this is a failure, not a skip`);
}

/** The path of `tool` on PATH, or undefined. */
export function which(tool: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v '${tool}'`], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '' ? found.stdout.trim() : undefined;
}

const reported = new Set<string>();

/**
 * For a test's `skip` option: false when `available`, else the reason to skip. In CI the
 * dependent tests are skipped too, but a failing test named after the reason is added (once).
 */
export function skipUnless(available: unknown, reason: string): string | false {
  if (available) return false;
  if (inCI && !reported.has(reason)) {
    reported.add(reason);
    test(`CI has what the tests need: ${reason}`, () => {
      throw ciFailure(reason);
    });
  }
  return reason;
}

/** Inside a running test: `return t.skip(missing(reason))`; in CI it throws, failing the test. */
export function missing(reason: string): string {
  if (inCI) throw ciFailure(reason);
  return reason;
}

/** The `skip` option of a test that runs `tool`. */
export function skipWithoutTool(tool: string, packageName = tool): string | false {
  return skipUnless(which(tool), `${tool} is not installed (apt-get install ${packageName})`);
}

/**
 * A Python interpreter that can import `module`: the `python3` on PATH first (pyenv's, with a
 * recent botocore), then Debian's /usr/bin/python3 (python3-botocore). Undefined when neither can.
 */
export function pythonWith(module: string): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}
