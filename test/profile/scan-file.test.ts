// The quick scan (regular expressions vouching for plain sections) must give exactly what the
// exact scan (every line classified) gives, on any text: the same headers, body offsets,
// warnings and errors. Random files from line-shaped pieces, so that every kind of line, in every
// order, with every kind of whitespace and line ending, comes up often.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { exactScan, quickScan, scanFile, type FileScan } from '../../src/profile/scan-file.ts';

/** A scan without its search cache (which records how a scan searched, not what it found). */
const found = (scan: FileScan | undefined) => scan && { ...scan, next: undefined };

const LINES = [
  '',
  ' ',
  '\t',
  '\r',
  '\u00a0',
  '\uFEFF',
  '# comment',
  '; comment',
  '#',
  'a = 1',
  'a=1',
  'A_b-c/d.e%f@g:h+i = v',
  'a = ',
  'a =',
  'region = us-east-1 # c',
  'a b = c',
  'bad name = 1',
  'é = 1',
  '= no name',
  'no equals',
  'a ; x = 1',
  'a # x = 1',
  'a\t= 1',
  '  indented',
  '\tsub = 1',
  '  sub = 1',
  '  bad sub = 1',
  '  = x',
  '  noequals',
  '[profile a]',
  '[profile a] # c',
  '[default]',
  '[a]',
  '[sso-session s]',
  '[services x]',
  '[ profile  b ]',
  '[profile a',
  '[',
  '[]',
  '[profile é]',
  '["q"]',
  ' [profile a]',
  'x\u2028y = 1',
  's3 =',
  '\u00a0a = 1',
];
const EOLS = ['\n', '\r\n', '\r'];
const fileText = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 6 })), fc.constantFrom(...EOLS)), { maxLength: 30 }),
    fc.boolean(),
  )
  .map(([bom, lines, finalEol]) => {
    const text = lines.map(([line, eol]) => line + eol).join('');
    return (bom ? '\uFEFF' : '') + (finalEol ? text : text.replace(/(\r\n|\n|\r)$/, ''));
  });

/** Mostly well-formed files, so that the quick scan vouches for most of them (about 85%). */
const VALID_LINES = [
  '',
  ' ',
  '# c',
  'a = 1',
  'b=2',
  '[profile a]',
  '[default]',
  '[sso-session s]',
  '  sub = 1',
  '  cont',
  '  # cont',
  '\t\tsub=2',
  's3 =',
  's3 = ',
  's3 =\r',
  'a = # c',
  'a =#x',
  'a = ;x',
  'a = \u00a0x',
  'bad name = 1',
  '\u00a0',
  '  \u00a0',
  '  bad sub = 1',
  '  = x',
];
const mostlyValid = fc
  .array(fc.tuple(fc.constantFrom(...VALID_LINES), fc.constantFrom('\n', '\r\n')), { maxLength: 25 })
  .map((lines) => `[profile first]\n${lines.map(([line, eol]) => line + eol).join('')}`);

test('the quick scan agrees with the exact scan on any text, or steps aside', () => {
  fc.assert(
    fc.property(fc.oneof(fileText, mostlyValid), (text) => {
      const exact = exactScan(text, 'config', 'f');
      const quick = quickScan(text, 'config', 'f');
      if (quick !== undefined) {
        assert.equal(exact.errors.length, 0, 'the quick scan never passes a file with an error');
        assert.deepEqual(found(quick), found(exact));
      }
      assert.deepEqual(found(scanFile(text, 'config', 'f')), found(exact));
    }),
    { numRuns: 5000 },
  );
});

test('a CR is a line ending only before a LF: a last line `[a]\\r` is a broken header', () => {
  for (const text of ['[a]\r', '[profile a]\nx = 1\n[b]\r', '[a]\ns3 =\r', '[a]\ns3 =\r\n  k = v\r\n']) {
    assert.deepEqual(found(scanFile(text, 'config', 'f')), found(exactScan(text, 'config', 'f')), JSON.stringify(text));
  }
  assert.equal(exactScan('[a]\r', 'config', 'f').errors[0]?.code, 'unterminated-header');
});

test('the quick scan does take the plain files it is for', () => {
  const plain = '# top\n\n[profile a]\nregion = x\n; c\n\n[default]\na=1\r\n[profile b]\ns3 =\n  max = 2\n';
  const quick = quickScan(plain, 'config', 'f');
  assert.ok(quick, 'vouched for');
  assert.deepEqual(found(quick), found(exactScan(plain, 'config', 'f')));
  assert.deepEqual(
    quick.headers.map((h) => [h.prefix, h.name, h.line]),
    [
      ['profile', 'a', 3],
      [undefined, 'default', 7],
      ['profile', 'b', 9],
    ],
  );
  const warned = '[profile a]\nbad name = 1\n[profile b]\ns3 =\n  bad sub = 1\n';
  assert.deepEqual(found(quickScan(warned, 'config', 'f')), found(exactScan(warned, 'config', 'f')));
  assert.equal([...exactScan(warned, 'config', 'f').lineWarnings.values()].flat().length, 2);
});
