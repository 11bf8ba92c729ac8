// Line classification of the profile-file dialect, one table row per rule the parser relies on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import { commentStart } from '../../src/ini/syntax.ts';
import type { IniLine } from '../../src/ini/types.ts';

function kinds(text: string): string[] {
  return parseIni(text).lines.map((l) => (l.kind === 'invalid' ? `invalid:${l.code}` : l.kind));
}

function lineAt(text: string, index: number): IniLine {
  const line = parseIni(text).lines[index];
  assert.ok(line, `no line ${index}`);
  return line;
}

const KIND_CASES: Array<[string, string, string[]]> = [
  ['empty file has no lines', '', []],
  ['lone newline is one blank line', '\n', ['blank']],
  ['whitespace-only lines are blank', '\t \n[a]\n \t', ['blank', 'section', 'blank']],
  ['# and ; start whole-line comments', '# c\n; c\n[a]', ['comment', 'comment', 'section']],
  ['header, property, continuation', '[profile a]\nk = v\n more', ['section', 'property', 'continuation']],
  ['empty value + indented lines is a sub-property block', '[a]\ns3 =\n x = 1\n\n y = 2', ['section', 'property', 'subproperty', 'blank', 'subproperty']],
  ['comments between block lines keep the block open', '[a]\ns3 =\n x = 1\n# c\n y = 2', ['section', 'property', 'subproperty', 'comment', 'subproperty']],
  ['unterminated header', '[profile a', ['invalid:unterminated-header']],
  ['text after ] is not allowed', '[profile a] junk', ['invalid:unterminated-header']],
  ['# inside a header starts a comment there', '[profile a#b]', ['invalid:unterminated-header']],
  ['property before any header', 'k = v', ['invalid:outside-section']],
  ['continuation before any header', ' x', ['invalid:outside-section']],
  ['property without a name', '[a]\n= v', ['section', 'invalid:property-without-name']],
  ['property without =', '[a]\nk : v', ['section', 'invalid:property-without-equals']],
  ['= hidden behind a comment does not count', '[a]\nk #= v', ['section', 'invalid:property-without-equals']],
  ['indented line right after a header', '[a]\n x', ['section', 'invalid:orphan-continuation']],
  ['a new header resets continuation', '[a]\nk = v\n[a]\n x', ['section', 'property', 'section', 'invalid:orphan-continuation']],
  ['sub-property line without =', '[a]\ns3 =\n bad', ['section', 'property', 'invalid:subproperty-without-equals']],
  ['sub-property line without a name', '[a]\ns3 =\n = v', ['section', 'property', 'invalid:subproperty-without-name']],
  ['a BOM is not a line', '\uFEFF[a]', ['section']],
];

for (const [name, text, expected] of KIND_CASES) {
  test(`kinds: ${name}`, () => {
    assert.deepEqual(kinds(text), expected);
    assert.equal(serializeIni(parseIni(text)), text);
  });
}

test('header: prefix and name split on the first space or tab, trimmed', () => {
  assert.deepEqual(pick(lineAt('[   profile \t foo  ]  ; c', 0)), { prefix: 'profile', name: 'foo', header: '   profile \t foo  ' });
  assert.deepEqual(pick(lineAt('[profile\tfoo]# c', 0)), { prefix: 'profile', name: 'foo', header: 'profile\tfoo' });
  assert.deepEqual(pick(lineAt('[default]', 0)), { prefix: undefined, name: 'default', header: 'default' });
  assert.deepEqual(pick(lineAt('[profilefoo]', 0)), { prefix: undefined, name: 'profilefoo', header: 'profilefoo' });
});

function pick(line: IniLine): unknown {
  assert.equal(line.kind, 'section');
  return line.kind === 'section' ? { prefix: line.prefix, name: line.name, header: line.header } : undefined;
}

const VALUE_CASES: Array<[string, string, string, string]> = [
  ['keys and values are trimmed', 'name \t=  \tvalue \t', 'name', 'value'],
  ['= inside a value is kept', 'name = val=ue', 'name', 'val=ue'],
  ['empty value', 'name =', 'name', ''],
  ['comment after whitespace is removed', 'name = value # c', 'name', 'value'],
  ['; after whitespace is removed', 'name = value ; c', 'name', 'value'],
  ['# without whitespace before it is part of the value', 'name = value# c', 'name', 'value# c'],
  ['; without whitespace before it is part of the value', 'name = value; c', 'name', 'value; c'],
  ['tab counts as whitespace before a comment', 'name = value\t# c', 'name', 'value'],
  ['key case is kept', 'Region = x', 'Region', 'x'],
];

for (const [name, line, key, value] of VALUE_CASES) {
  test(`property: ${name}`, () => {
    const parsed = lineAt(`[a]\n${line}`, 1);
    assert.equal(parsed.kind, 'property');
    if (parsed.kind === 'property') assert.deepEqual({ key: parsed.key, value: parsed.value }, { key, value });
  });
}

test('comment starts: searched within a range, after whitespace only for settings, never at the range start', () => {
  assert.equal(commentStart('a=b ;c', true), 4);
  assert.equal(commentStart('a=b;c #d', true), 6);
  assert.equal(commentStart('a=b;c', true), -1);
  assert.equal(commentStart('[x];c', false), 3);
  assert.equal(commentStart('  #x', true, 2), -1); // a `#` right at the start of the range is not after whitespace
  assert.equal(commentStart('  k #x', true, 2), 4);
  assert.equal(commentStart('k = v #x', true, 0, 5), -1); // the comment lies past the range
  assert.equal(commentStart('k = v\u00a0#x', true), 6); // any Unicode whitespace counts before the comment
});

test('empty and whitespace-only lines among settings are blank lines', () => {
  const doc = parseIni('[a]\n\nk = v\n \t\n\u00a0\n');
  assert.deepEqual(
    doc.lines.map((l) => l.kind),
    ['section', 'blank', 'property', 'blank', 'blank'],
  );
  assert.deepEqual(doc.errors, []);
});

test('continuations are trimmed and keep comment characters', () => {
  const line = lineAt('[a]\nk = v\n \t -continued # not a comment \t', 2);
  assert.equal(line.kind, 'continuation');
  if (line.kind === 'continuation') assert.equal(line.value, '-continued # not a comment');
});

test('sub-property lines: raw text for the smithy-rs value, key/value without comments', () => {
  const line = lineAt('[a]\ns3 =\n   max = 10 # c', 2);
  assert.equal(line.kind, 'subproperty');
  if (line.kind === 'subproperty') assert.deepEqual({ raw: line.raw, key: line.key, value: line.value }, { raw: 'max = 10 # c', key: 'max', value: '10' });
});

test('line numbers, endings and errors are recorded per line', () => {
  const doc = parseIni('\uFEFF[a]\r\nk = v\r\nbad\n[b');
  assert.equal(doc.bom, true);
  assert.deepEqual(
    doc.lines.map((l) => [l.line, l.eol]),
    [
      [1, '\r\n'],
      [2, '\r\n'],
      [3, '\n'],
      [4, ''],
    ],
  );
  assert.deepEqual(
    doc.errors.map((e) => [e.line, e.code]),
    [
      [3, 'property-without-equals'],
      [4, 'unterminated-header'],
    ],
  );
});

test('a CR that is not before LF is content, not a line ending', () => {
  const doc = parseIni('[a]\rk = v\r');
  assert.equal(doc.lines.length, 1);
  assert.equal(doc.lines[0]?.text, '[a]\rk = v\r');
  assert.equal(serializeIni(doc), '[a]\rk = v\r');
});

test('error reasons never quote the value of the line (it may be a secret)', () => {
  const doc = parseIni('[a]\naws_secret_access_key : SECRETSECRET\ns3 =\n SECRETSECRET2');
  assert.equal(doc.errors.length, 2);
  for (const error of doc.errors) assert.ok(!error.message.includes('SECRETSECRET'), error.message);
});
