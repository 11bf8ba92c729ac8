// The unified diff of --dry-run (checked by applying it back, on random inputs) and the
// bounded pool the listings run in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/output/unified-diff.ts';
import { mapBounded } from '../../src/io/pool.ts';

/** Applies a unified diff produced by unifiedDiff (hunks in order) to `before`'s lines. */
function applyDiff(before: string, diff: string): string {
  const source = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2, -1);
  for (const line of lines) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(line);
    if (header) {
      const start = Number(header[1]) - (header[2] === '0' ? 0 : 1);
      while (at < start) out.push(source[at++]!);
      continue;
    }
    const kind = line[0];
    const text = line.slice(1);
    if (kind === ' ') {
      assert.equal(source[at], text, 'context line must match');
      out.push(source[at++]!);
    } else if (kind === '-') {
      assert.equal(source[at], text, 'removed line must match');
      at++;
    } else if (kind === '+') out.push(text);
  }
  while (at < source.length) out.push(source[at++]!);
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

test('unifiedDiff: a known small case, in diff -u form', () => {
  const diff = unifiedDiff('a\nb\nc\n', 'a\nc\nd\n', { before: 'config', after: 'config (after)' });
  assert.equal(diff, '--- config\n+++ config (after)\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n');
  assert.equal(unifiedDiff('same\n', 'same\n', { before: 'x', after: 'y' }), '');
  assert.equal(unifiedDiff('', 'new\n', { before: 'x', after: 'y' }), '--- x\n+++ y\n@@ -0,0 +1 @@\n+new\n');
});

test('unifiedDiff: applying the diff to the old text gives the new text (random texts)', () => {
  const text = fc
    .array(fc.constantFrom('a', 'b', 'c', '[profile x]', 'region = 1', ''), { maxLength: 40 })
    .map((lines) => (lines.length ? `${lines.join('\n')}\n` : ''));
  fc.assert(
    fc.property(text, text, (before, after) => {
      const diff = unifiedDiff(before, after, { before: 'a', after: 'b' });
      assert.equal(before === after ? '' : applyDiff(before, diff), before === after ? diff : after);
    }),
    { numRuns: 400 },
  );
});

test('unifiedDiff: a large file with a few scattered changes stays small', () => {
  const before = Array.from({ length: 5000 }, (_, i) => `line ${i}`);
  const after = before.filter((_, i) => i % 1000 !== 500);
  after.push('appended');
  const diff = unifiedDiff(`${before.join('\n')}\n`, `${after.join('\n')}\n`, { before: 'a', after: 'b' });
  assert.equal(diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length, 5);
  assert.equal(applyDiff(`${before.join('\n')}\n`, diff), `${after.join('\n')}\n`);
});

test('mapBounded: never more than the limit in flight, results in input order, first error wins', async () => {
  let inFlight = 0;
  let most = 0;
  const results = await mapBounded(
    Array.from({ length: 50 }, (_, i) => i),
    4,
    async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, (n * 7) % 5));
      inFlight--;
      return n * 2;
    },
  );
  assert.equal(most, 4);
  assert.deepEqual(
    results,
    Array.from({ length: 50 }, (_, i) => i * 2),
  );
  let started = 0;
  await assert.rejects(
    mapBounded(
      Array.from({ length: 50 }, (_, i) => i),
      2,
      async (n) => {
        started++;
        if (n === 3) throw new Error('boom 3');
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
    ),
    /boom 3/,
  );
  assert.ok(started < 50, 'no new work after a failure');
});
