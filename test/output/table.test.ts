import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { displayWidth, formatJson, formatTable, sanitizeCell, tableLines } from '../../src/output/table.ts';

test('columns line up, the last column has no trailing spaces, nothing is cut', () => {
  const long = 'x'.repeat(300);
  assert.equal(
    formatTable(
      ['NAME', 'KIND', 'REGION'],
      [
        ['dev', 'sso', 'eu-west-1'],
        ['production-admin', 'assume-role', ''],
        ['s', long, 'r'],
      ],
    ),
    [
      `NAME               KIND${' '.repeat(299)}REGION`,
      `dev                sso${' '.repeat(300)}eu-west-1`,
      `production-admin   assume-role`,
      `s                  ${long}   r`,
      '',
    ].join('\n'),
  );
});

test('wide characters take two columns, combining marks none', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('日本語'), 6);
  assert.equal(displayWidth('ｱｲ'), 2, 'half-width katakana is narrow');
  assert.equal(displayWidth('Ｗ'), 2, 'full-width Latin is wide');
  assert.equal(displayWidth('e\u0301'), 1, 'e + combining acute');
  assert.equal(displayWidth('\u{1F600}'), 2);
  assert.equal(displayWidth('\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'), 2, 'a ZWJ family is one glyph');
  assert.equal(displayWidth('\u{1F1EF}\u{1F1F5}'), 2, 'a flag');
  assert.equal(displayWidth('\u2764\uFE0F'), 2, 'VS16 emoji presentation');
  assert.equal(displayWidth('한국'), 4);
  const lines = tableLines(
    ['A', 'B'],
    [
      ['日本', 'x'],
      ['ab', 'y'],
    ],
  );
  assert.equal(lines[1], '日本   x');
  assert.equal(lines[2], 'ab     y');
});

test('control characters, line breaks and bidi overrides are shown as escapes, never passed to the terminal', () => {
  assert.equal(sanitizeCell('a\nb\tc\x1b[31m\u202Ed\u0085'), 'a\\nb\\tc\\x1b[31m\\u202ed\\x85');
  assert.equal(formatTable([], [['x\ny', 'z']]), 'x\\ny   z\n');
});

test('property: every line of any table has the same display offset for each column start', () => {
  const cell = fc.string({ unit: 'grapheme', maxLength: 8 });
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
      const lines = tableLines(['A', 'B', 'C'], rows, { gap: 2 });
      assert.equal(lines.length, rows.length + 1);
      for (const line of lines) assert.ok(!line.includes('\n'), 'one line per row');
      const widths = [0, 1].map((c) => Math.max(1, ...rows.map((r) => displayWidth(sanitizeCell(r[c] as string)))));
      rows.forEach((row, r) => {
        const expectedPrefix = sanitizeCell(row[0] as string) + ' '.repeat((widths[0] as number) - displayWidth(sanitizeCell(row[0] as string)) + 2);
        assert.ok((lines[r + 1] as string).startsWith(expectedPrefix) || (lines[r + 1] as string) === expectedPrefix.trimEnd());
      });
    }),
    { numRuns: 300 },
  );
});

test('right alignment pads on the left', () => {
  assert.deepEqual(
    tableLines(
      ['ACCOUNT', 'N'],
      [
        ['1', 'a'],
        ['123', 'b'],
      ],
      { align: ['right'] },
    ),
    ['ACCOUNT   N', '      1   a', '    123   b'],
  );
});

test('formatJson is two-space indented with one trailing newline', () => {
  assert.equal(formatJson({ a: [1], b: null }), '{\n  "a": [\n    1\n  ],\n  "b": null\n}\n');
});
