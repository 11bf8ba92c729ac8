// The cold-cache stampede: many `awsctl process` started at once for a role whose cache entry
// does not exist yet, against an STS that takes 200 ms to answer (as a far region does). The
// cross-process lock must turn that into ONE AssumeRole; everyone else reads what it stored.
import { cpSync, rmSync } from 'node:fs';
import type { FakeSts } from '../../test/fake-aws/index.ts';
import { tempDir } from '../../test/helpers/cli.ts';
import { CACHED_PROFILE } from '../lib/fixtures.ts';
import { runTimed } from '../lib/spawn.ts';
import { invoke, type Target } from '../lib/targets.ts';

export interface StampedeResult {
  processes: number;
  rounds: number;
  /** Per round: AssumeRole calls STS received. */
  assumeRoleCalls: number[];
  /** Per round: processes that exited 0 with the same credentials as the others. */
  successes: number[];
  wallMs: number[];
  failures: string[];
}

export interface StampedeOptions {
  target: Target;
  sts: FakeSts;
  stsEnv: Record<string, string>;
  /** A home with the role profile and NO cache entry; each round works on a fresh copy. */
  coldHome: string;
  processes: number;
  rounds: number;
  latencyMs: number;
}

export async function runStampede(options: StampedeOptions): Promise<StampedeResult> {
  const result: StampedeResult = { processes: options.processes, rounds: options.rounds, assumeRoleCalls: [], successes: [], wallMs: [], failures: [] };
  const previousLatency = options.sts.latencyMs;
  options.sts.latencyMs = options.latencyMs;
  try {
    for (let round = 0; round < options.rounds; round++) await oneRound(options, result);
  } finally {
    options.sts.latencyMs = previousLatency;
  }
  return result;
}

async function oneRound(options: StampedeOptions, result: StampedeResult): Promise<void> {
  const home = tempDir('awsctl-bench-stampede-');
  cpSync(options.coldHome, home, { recursive: true });
  try {
    const callsBefore = options.sts.calls.length;
    const started = process.hrtime.bigint();
    const invocation = invoke(options.target, ['process', '--profile', CACHED_PROFILE], home, options.stsEnv);
    const runs = await Promise.all(Array.from({ length: options.processes }, () => runTimed(invocation)));
    result.wallMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    result.assumeRoleCalls.push(options.sts.calls.slice(callsBefore).filter((c) => c.action === 'AssumeRole').length);
    const keys = runs.filter((r) => r.code === 0).map((r) => (JSON.parse(r.stdout) as { AccessKeyId: string }).AccessKeyId);
    const agreed = keys.filter((k) => k === keys[0]).length;
    result.successes.push(agreed);
    for (const r of runs) if (r.code !== 0) result.failures.push(`exit ${r.code}: ${r.stderr.trim().slice(0, 160)}`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
