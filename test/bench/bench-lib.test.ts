// The bench's own arithmetic and plumbing (no timed assertions: figures are never asserted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchArgs } from '../../bench/lib/options.ts';
import { pairedRatio, quantile, summarize } from '../../bench/lib/stats.ts';
import { parseBashTimes } from '../../bench/lib/spawn.ts';
import { shuffled } from '../../bench/lib/interleave.ts';
import { markdownTable, textTable } from '../../bench/lib/table.ts';
import { manyProfilesConfig } from '../../bench/lib/fixtures.ts';
import { parseAndNormalize } from '../../bench/cases/parse-scaling.ts';

test('quantiles interpolate between neighbours; summaries ignore input order', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([10], 0.9), 10);
  assert.ok(Number.isNaN(quantile([], 0.5)));
  const s = summarize([5, 1, 4, 2, 3, 100]);
  assert.deepEqual([s.n, s.min, s.max, s.median], [6, 1, 100, 3.5]);
  assert.ok(s.p10 < s.median && s.median < s.p90);
});

test('the paired ratio divides each run by its own baseline, so a common slowdown cancels', () => {
  // Round 2 ran while the machine was three times slower, for both members of the pair.
  assert.equal(pairedRatio([20, 60, 20], [10, 30, 10]), 2);
  assert.equal(pairedRatio([30, 30], [10, 0]), 3, 'a zero baseline is skipped, not divided by');
});

test('bash `times` output becomes user + system milliseconds of the children', () => {
  assert.equal(parseBashTimes('0m0.002s 0m0.000s\n0m0.018s 0m0.013s\n'), 31);
  assert.equal(parseBashTimes('0m0.000s 0m0.000s\n1m2.500s 0m0.250s'), 62_750);
  assert.equal(parseBashTimes('garbage'), undefined);
});

test('case order is shuffled deterministically per seed and keeps every case', () => {
  const items = Array.from({ length: 12 }, (_, i) => i);
  assert.deepEqual(shuffled(items, 7), shuffled(items, 7));
  assert.notDeepEqual(shuffled(items, 7), shuffled(items, 8));
  assert.deepEqual(
    [...shuffled(items, 3)].sort((a, b) => a - b),
    items,
  );
});

test('options: defaults, --quick, sections and bad values', () => {
  const full = parseBenchArgs([]);
  assert.equal(full.runs, 25);
  assert.equal(full.bigCount, 10_000);
  assert.deepEqual(full.scalingSizes, [1000, 10_000, 100_000]);
  const quick = parseBenchArgs(['--quick', '--runs', '3', '--skip', 'external,stampede', '--stampede-processes', '4']);
  assert.equal(quick.runs, 3);
  assert.equal(quick.stampede.processes, 4);
  assert.deepEqual([...quick.sections].sort(), ['scaling', 'startup', 'trace']);
  assert.throws(() => parseBenchArgs(['--runs', 'many']), /whole number/);
  assert.throws(() => parseBenchArgs(['--sections', 'nope']), /unknown section/);
  assert.throws(() => parseBenchArgs(['--frobnicate']), /unknown option/);
});

test('tables align figures and escape Markdown pipes', () => {
  const text = textTable(
    ['case', 'ms'],
    [
      ['a', '1.0'],
      ['longer name', '10.5'],
    ],
  ).split('\n');
  assert.equal(new Set(text.map((line) => line.length)).size, 1, 'every line has the same width');
  assert.match(markdownTable(['case', 'ms'], [['a|b', 1]]), /\| a\\\|b \| 1 \|/);
});

test('the generated many-profile config parses to exactly the profiles it claims', () => {
  // base + the generated ones (the sso-session section is not a profile).
  assert.equal(parseAndNormalize(manyProfilesConfig(400), ''), 401);
});
