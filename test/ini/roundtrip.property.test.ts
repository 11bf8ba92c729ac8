// Property tests: for ANY string the lossless model gives the exact bytes back and parsing
// never throws; normalizing throws nothing but AwsctlError; edits on well-formed random files
// read back through the normalizer as intended and keep BOM and final-newline state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAwsctlError } from '../../src/errors.ts';
import { setProperty, setSubProperty, unsetProperty } from '../../src/ini/edit.ts';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import { getValue } from '../../src/profile/model.ts';
import { normalize } from '../../src/profile/normalize.ts';

const PATHS = { config: 'config', credentials: 'credentials' };
const PIECES = [
  '[',
  ']',
  '=',
  '#',
  ';',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\0',
  '\uFEFF',
  'profile',
  'default',
  'sso-session',
  'services',
  'a',
  'B',
  'é',
  '😂',
  '\u00a0',
  '"',
];

/** Strings built mostly from the dialect's own tokens, so headers, comments and blocks occur often. */
const iniLike = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(iniLike, fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

test('serializeIni(parseIni(s)) === s for every string', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      assert.equal(serializeIni(parseIni(text)), text);
    }),
    { numRuns: 3000 },
  );
});

test('parsing never throws; normalizing throws only AwsctlError', () => {
  fc.assert(
    fc.property(anyText, fc.boolean(), (text, asCredentials) => {
      const doc = parseIni(text);
      try {
        normalize(asCredentials ? undefined : doc, asCredentials ? doc : undefined, PATHS);
        assert.equal(doc.errors.length, 0, 'a document with invalid lines must not normalize');
      } catch (error) {
        assert.ok(isAwsctlError(error), String(error));
        assert.equal(error.line, doc.errors[0]?.line);
      }
    }),
    { numRuns: 2000 },
  );
});

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
const value = fc.stringMatching(/^[A-Za-z0-9:/._@+-]{0,12}$/);
const line = fc.oneof(
  fc.tuple(name, value).map(([k, v]) => `${k} = ${v}`),
  fc.tuple(name, value).map(([k, v]) => `${k}=${v} # note`),
  fc.constantFrom('', '# comment', '; comment', '   '),
  name.map((n) => `[profile ${n}]`),
  fc.constant('[default]'),
  fc.tuple(name, name, value).map(([k, s, v]) => `${k} =\n  ${s} = ${v}`),
);
const wellFormed = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean()).map(([lines, crlf, bom, finalNewline]) => {
  const eol = crlf ? '\r\n' : '\n';
  const body = ['[profile base]', ...lines].join('\n').replace(/\n/g, eol);
  return (bom ? '\uFEFF' : '') + body + (finalNewline ? eol : '');
});

test('edits read back as intended and keep BOM, newline style and final newline', () => {
  fc.assert(
    fc.property(wellFormed, name, name, value, (text, profile, key, newValue) => {
      const doc = parseIni(text);
      const ref = { file: 'config' as const, type: 'profile' as const, name: profile };
      const edited = setProperty(doc, ref, key, newValue);
      const out = serializeIni(edited);
      assert.equal(out.startsWith('\uFEFF'), text.startsWith('\uFEFF'));
      assert.equal(/\n$/.test(out), /\n$/.test(text) || text === '' || text === '\uFEFF');
      if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(out), 'LF introduced into a CRLF file');
      assert.equal(getValue(normalize(edited, undefined, PATHS).profiles[profile], key), newValue);
      const removed = unsetProperty(edited, ref, key);
      assert.equal(getValue(normalize(removed, undefined, PATHS).profiles[profile], key), undefined);
      const nested = normalize(setSubProperty(removed, ref, 'svc.block', key, newValue), undefined, PATHS);
      assert.equal(nested.profiles[profile]?.properties['svc.block']?.subProperties?.[key], newValue);
    }),
    { numRuns: 500 },
  );
});
