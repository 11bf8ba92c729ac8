// Python json.dumps spelling; expected strings come from CPython 3 (json.dumps / repr).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyFloat, pythonJsonDumps, pythonJsonLoads } from '../../src/cache/python-json.ts';

test('float repr matches Python for the notation boundaries', () => {
  const table: Array<[number, string]> = [
    [1.0, '1.0'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [123.456, '123.456'],
    [-2.5e-7, '-2.5e-07'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [100.0, '100.0'],
    [0.1, '0.1'],
    [12345678901234568.0, '1.2345678901234568e+16'],
  ];
  for (const [value, expected] of table) assert.equal(pyFloat(value), expected, String(value));
});

test('strings: ensure_ascii escapes, control characters, DEL', () => {
  assert.equal(pythonJsonDumps({ a: '\x7f\x00\u2028"\\/\n' }), '{"a": "\\u007f\\u0000\\u2028\\"\\\\/\\n"}');
});

test('separators and sorting', () => {
  const value = { b: [1, 'x'], a: { d: null, c: true } };
  assert.equal(pythonJsonDumps(value), '{"b": [1, "x"], "a": {"d": null, "c": true}}');
  assert.equal(pythonJsonDumps(value, { sortKeys: true }), '{"a": {"c": true, "d": null}, "b": [1, "x"]}');
  assert.equal(pythonJsonDumps(value, { sortKeys: true, compact: true }), '{"a":{"c":true,"d":null},"b":[1,"x"]}');
  assert.equal(pythonJsonDumps({}), '{}');
});

test('loads keeps big ints and float spelling', () => {
  assert.equal(pythonJsonDumps(pythonJsonLoads('[123456789012345678901234567890, 2.50, 1E3, -0]')), '[123456789012345678901234567890, 2.5, 1000.0, 0]');
});

test('sort_keys orders by code point, not UTF-16 unit', () => {
  // U+FF61 sorts before U+1F600 by code point, after it by UTF-16 unit.
  assert.equal(pythonJsonDumps({ '\u{1F600}': 1, '\uFF61': 2 }, { sortKeys: true, compact: true }), '{"\\uff61":2,"\\ud83d\\ude00":1}');
});
