// The start-up cases: each is one awsctl command, timed from spawn to exit, with a check that
// it really did its job (the cached cases must answer from the cache, not from an error path).
import type { TimedCase } from '../lib/interleave.ts';
import type { Timed } from '../lib/spawn.ts';
import { invoke, type Target } from '../lib/targets.ts';
import { ACCOUNT, BASE_KEYS, CACHED_PROFILE, type HomeSet } from '../lib/fixtures.ts';

const CACHED_KEY = 'ASIABENCHCACHED00001';

const stdoutHas = (needle: string) => (r: Timed) => (r.stdout.includes(needle) ? undefined : `stdout lacks ${needle}: ${r.stdout.slice(0, 120)}`);

function processJsonWith(accessKeyId: string) {
  return (r: Timed): string | undefined => {
    try {
      const parsed = JSON.parse(r.stdout) as { AccessKeyId?: string; Version?: number };
      return parsed.Version === 1 && parsed.AccessKeyId === accessKeyId ? undefined : `unexpected JSON ${r.stdout.slice(0, 120)}`;
    } catch {
      return `stdout is not JSON: ${r.stdout.slice(0, 120)}`;
    }
  };
}

function atLeastLines(count: number) {
  return (r: Timed) => {
    const lines = r.stdout.split('\n').length;
    return lines >= count ? undefined : `only ${lines} lines of output`;
  };
}

export interface StartupContext {
  target: Target;
  homes: HomeSet;
  /** AWS_ENDPOINT_URL_STS etc. of the fake AWS. */
  fakeEnv: Record<string, string>;
}

/** Names carry the target, so the script and binary rows stay apart in one table. */
export function startupCases({ target, homes, fakeEnv }: StartupContext): TimedCase[] {
  const t = target.label === 'script' ? '' : ` [${target.label}]`;
  const big = homes.bigCount.toLocaleString('en-US');
  return [
    {
      name: `process, cached role${t}`,
      invocation: invoke(target, ['process', '--profile', CACHED_PROFILE], homes.cachedRole),
      check: processJsonWith(CACHED_KEY),
    },
    // The same with every code cache off (Node's switch): what the trained cache is worth.
    {
      name: `process with code cache off, cached role${t}`,
      invocation: invoke(target, ['process', '--profile', CACHED_PROFILE], homes.cachedRole, { NODE_DISABLE_COMPILE_CACHE: '1' }),
      check: processJsonWith(CACHED_KEY),
    },
    { name: `env, cached role${t}`, invocation: invoke(target, ['env', '--profile', CACHED_PROFILE], homes.cachedRole), check: stdoutHas(CACHED_KEY) },
    {
      name: `process, static keys${t}`,
      invocation: invoke(target, ['process', '--profile', 'base'], homes.cachedRole),
      check: processJsonWith(BASE_KEYS.accessKeyId),
    },
    { name: `whoami, fake STS${t}`, invocation: invoke(target, ['whoami', '--profile', 'base'], homes.cachedRole, fakeEnv), check: stdoutHas(ACCOUNT) },
    { name: `explain${t}`, invocation: invoke(target, ['explain', '--profile', CACHED_PROFILE], homes.cachedRole), check: stdoutHas('bench-dev') },
    { name: `profiles, ${big} profiles${t}`, invocation: invoke(target, ['profiles'], homes.cachedRoleBig), check: atLeastLines(homes.bigCount) },
    {
      name: `process, cached, ${big}-profile config${t}`,
      invocation: invoke(target, ['process', '--profile', CACHED_PROFILE], homes.cachedRoleBig),
      check: processJsonWith(CACHED_KEY),
    },
    // Bad input ends in one clear line, fast: what the end-to-end error tests once bounded in time.
    {
      name: `env, a profile that does not exist (the error line)${t}`,
      invocation: invoke(target, ['env', '--profile', 'no-such-profile'], homes.cachedRole),
      exitCode: 1,
      check: (r) =>
        // stdout holds only the statement that makes an `eval` of the output fail (issue 15).
        /^awsctl: .*no-such-profile/.test(r.stderr.trimEnd().split('\n').at(-1) ?? '') && r.stdout === 'false\n'
          ? undefined
          : `not the error line: ${r.stderr.slice(0, 160)}`,
    },
    { name: `--version (commander path)${t}`, invocation: invoke(target, ['--version'], homes.cachedRole), check: stdoutHas('.') },
  ];
}
