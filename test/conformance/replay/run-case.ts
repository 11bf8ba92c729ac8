// Runs one end-to-end credentials case through awsctl's executor (resolveCredentials) in a
// replay Context, and turns the outcome into a CaseResult with every problem named.
import { describeMismatch, jsonEqual } from '../harness.ts';
import type { CaseResult } from '../harness.ts';
import type { AwsCredentials } from '../../../src/aws/types.ts';
import { AwsctlError } from '../../../src/errors.ts';
import type { ResolvedCredentials, ResolveRequest } from '../../../src/resolve/resolve.ts';
import type { Context } from '../../../src/io/context.ts';
import { createCaseContext } from './case-context.ts';
import type { CaseRuntime } from './case-context.ts';
import { caseSecrets, comparableViews, credentialsView, secretLeaks } from './e2e-case.ts';
import type { E2eCase, TrafficFormat } from './e2e-case.ts';
import { createReplayingHttpClient, KOTLIN_RULES, RUST_RULES } from './replaying-http.ts';

export type ResolveScope = NonNullable<ResolveRequest['scope']>;

/**
 * The slice of src/resolve/resolve.ts the suites use. Types only: the module itself is loaded
 * with a dynamic import (loadResolver), so a broken executor fails these suites, not the run.
 */
export type ResolveCredentials = (ctx: Context, request: ResolveRequest) => Promise<Pick<ResolvedCredentials, 'credentials' | 'provider' | 'profile'>>;

/** Real child processes can hang; nothing else can (sleeps are instant). */
const CASE_TIMEOUT_MS = 30_000;

export async function loadResolver(): Promise<ResolveCredentials> {
  // A computed specifier, loaded per suite run: a missing or broken executor fails these suites
  // with the reason instead of crashing the whole conformance run.
  const specifier = new URL('../../../src/resolve/resolve.ts', import.meta.url).href;
  const module = (await import(specifier)) as { resolveCredentials?: unknown };
  if (typeof module.resolveCredentials !== 'function') throw new Error('src/resolve/resolve.ts does not export resolveCredentials');
  return module.resolveCredentials as ResolveCredentials;
}

type Outcome = { ok: true; credentials: AwsCredentials; provider: string } | { ok: false; error: unknown };

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the case did not finish within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof AwsctlError) return `AwsctlError: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message} @ ${error.stack?.split('\n')[1]?.trim() ?? '?'}`;
  return String(error);
}

/** What the outcome gets wrong against the expectation; empty when it is right. */
function judgeOutcome(c: E2eCase, outcome: Outcome, format: TrafficFormat): string[] {
  if (c.expected.kind === 'ok') {
    if (!outcome.ok) return [`expected credentials, got ${describeError(outcome.error)}`];
    const [want, got] = comparableViews(c.expected.value, credentialsView(outcome.credentials, format), format);
    return jsonEqual(want, got) ? [] : [`credentials (${outcome.provider}): ${describeMismatch(want, got)}`];
  }
  if (outcome.ok) return [`expected a failure (SDK: "${c.expected.contains}"), got credentials ${outcome.credentials.accessKeyId} from ${outcome.provider}`];
  // The SDK's wording is its own (§2); what must hold is "awsctl failed, and said so properly".
  if (!(outcome.error instanceof AwsctlError)) return [`failed, but not with an AwsctlError: ${describeError(outcome.error)}`];
  return [];
}

function leaksIn(c: E2eCase, runtime: CaseRuntime, outcome: Outcome): string[] {
  const secrets = caseSecrets(c, (path) => runtime.fs.readFile(path));
  const errorText = outcome.ok ? '' : outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return secretLeaks(secrets, {
    'the error message': errorText,
    stdout: runtime.output.stdout.join(''),
    stderr: runtime.output.stderr.join(''),
    'debug output': runtime.output.debug.join('\n'),
  });
}

/** AWSCTL_REPLAY_TRACE=1: one line per case on stderr, to see WHY an error case failed (or what succeeded). */
function traceOutcome(c: E2eCase, outcome: Outcome, sent: number, synthesized: number, writes: readonly string[]): void {
  const what = outcome.ok ? `ok from ${outcome.provider}` : describeError(outcome.error);
  const wrote = writes.length ? `, wrote ${writes.join(' ')}` : '';
  process.stderr.write(`  trace ${c.name}: ${what} [${sent} request(s), ${synthesized} answered by rule${wrote}]\n`);
}

export interface RunOptions {
  format: TrafficFormat;
  scope: ResolveScope;
}

export async function runCredentialCase(c: E2eCase, resolve: ResolveCredentials, options: RunOptions): Promise<CaseResult> {
  const http = createReplayingHttpClient(c.exchanges, options.format === 'rust' ? RUST_RULES : KOTLIN_RULES);
  const runtime = createCaseContext({ env: c.env, fsRoot: c.fsRoot, http });
  // No credential cache: the SDKs these cases come from have none, and the cache's lock files
  // go to the real disk (src/cache/lock.ts uses node:fs), outside the virtual file system.
  const outcome: Outcome = await withTimeout(resolve(runtime.ctx, { scope: options.scope, useCache: false }), CASE_TIMEOUT_MS).then(
    (resolved) => ({ ok: true as const, credentials: resolved.credentials, provider: resolved.provider }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const problems = [...judgeOutcome(c, outcome, options.format), ...http.verify({ expectError: c.expected.kind === 'error' }), ...leaksIn(c, runtime, outcome)];
  if (runtime.output.prompts.length > 0) problems.push(`tried to prompt: ${runtime.output.prompts.join(' | ')}`);
  if (process.env.AWSCTL_REPLAY_TRACE) traceOutcome(c, outcome, http.sent.length, http.synthesized.length, runtime.fs.writes);
  if (problems.length === 0) return { name: c.name, status: 'pass' };
  const sent = http.sent.map((r) => `${r.method} ${r.url}`).join(', ') || 'none';
  return { name: c.name, status: 'fail', detail: `${problems.join('; ')} [requests: ${sent}]` };
}
