// The hostile corpus (test/hostile/corpus/*.ts): every bad input through the built CLI (build
// first), at most 3 at a time. Each must end as the case says: the exit code, one line on stderr
// matching the pattern, nothing on stdout unless the case legitimately prints, never a stack
// trace, within its time bound.
import { test } from 'node:test';
import { evalFailureText, evaluatedOutput } from '../../src/cli/eval-failure.ts';
import assert from 'node:assert/strict';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFiles, type RunResult } from '../helpers/cli.ts';
import { fileCases } from './corpus/files.ts';
import { keysCases } from './corpus/keys.ts';
import { networkCases } from './corpus/network.ts';
import { processCases } from './corpus/process.ts';
import { profileCases } from './corpus/profiles.ts';
import type { HostileCase } from './corpus/types.ts';
import { usageCases } from './corpus/usage.ts';
import { mapLimit, startRig } from './rig.ts';

const corpus: HostileCase[] = [...fileCases, ...profileCases, ...processCases, ...networkCases, ...usageCases, ...keysCases];
const CONCURRENCY = 3;

interface Outcome {
  skipped?: string;
  failure?: Error;
  ms?: number;
  /** awsctl's line, shown as a diagnostic so a reader of the test output can judge its clarity. */
  line?: string;
}

async function runCase(c: HostileCase): Promise<Outcome> {
  const reason = c.skip?.();
  if (reason) return { skipped: reason };
  const r = await startRig();
  try {
    if (c.files) writeFiles(r.home, typeof c.files === 'function' ? c.files(r) : c.files);
    // As awsctl configure would write it; a group-readable file is files.test.ts's subject.
    if (existsSync(join(r.home, '.aws', 'credentials'))) chmodSync(join(r.home, '.aws', 'credentials'), 0o600);
    await c.setup?.(r);
    const args = typeof c.args === 'function' ? c.args(r) : c.args;
    const result = await r.run(args, { env: c.env?.(r) ?? {}, asNobody: c.asNobody, timeoutMs: 25_000 });
    try {
      judge(c, result, args);
      c.check?.(r, result);
    } catch (error) {
      return { failure: error as Error, ms: result.ms };
    }
    return { ms: result.ms, line: result.stderr.trimEnd().split('\n').at(-1) ?? '' };
  } finally {
    await r.close();
  }
}

function judge(c: HostileCase, result: RunResult, args: string[]): void {
  const shown = `\n--- stdout ---\n${result.stdout.slice(0, 2000)}\n--- stderr ---\n${result.stderr.slice(0, 2000)}`;
  assert.equal(result.code, c.exit, `exit code${shown}`);
  assert.doesNotMatch(result.stderr, /^ {4}at /m, `no stack trace${shown}`);
  if (c.stdout) assert.match(result.stdout, c.stdout, `stdout${shown}`);
  else {
    // A failed env/assume prints only the statement that makes its eval fail (issue 15).
    const target = result.code !== 0 ? evaluatedOutput(args) : undefined;
    const expected = target ? evalFailureText(target.format, undefined, undefined) : '';
    assert.equal(result.stdout, expected, `nothing else on stdout${shown}`);
  }
  const lines = result.stderr === '' ? [] : result.stderr.replace(/\n$/, '').split('\n');
  const expectedLines = c.stderrLines ?? 1 + (c.helperStderrLines ?? 0);
  assert.equal(lines.length, expectedLines, `${expectedLines} line(s) on stderr${shown}`);
  if (expectedLines > 0) {
    const last = lines.at(-1)!;
    assert.match(last, /^awsctl: /, `awsctl's line${shown}`);
    assert.match(last, c.stderr, `stderr pattern${shown}`);
  }
}

test(`hostile corpus: ${corpus.length} bad inputs through the built CLI`, async (t) => {
  assert.ok(corpus.length >= 40, 'the corpus has at least 40 cases');
  const names = new Set(corpus.map((c) => c.name));
  assert.equal(names.size, corpus.length, 'case names are unique');
  const started = Date.now();
  const outcomes = await mapLimit(corpus, CONCURRENCY, (c) => runCase(c).catch((error: unknown) => ({ failure: error as Error }) as Outcome));
  // Report each case as its own subtest, in corpus order, with the verdict already known.
  for (const [index, c] of corpus.entries()) {
    const outcome = outcomes[index]!;
    await t.test(c.name, (sub) => {
      if (outcome.skipped) return sub.skip(outcome.skipped);
      if (outcome.failure) throw outcome.failure;
      sub.diagnostic(`${outcome.ms} ms: ${outcome.line || '(stderr empty)'}`);
    });
  }
  t.diagnostic(`${corpus.length} cases in ${Date.now() - started} ms`);
});
