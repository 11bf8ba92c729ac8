// Property editors, asserted on exact bytes: only the lines that must change do, and the
// file's BOM, CRLF endings, missing final newline, comments, sub-settings and unknown keys stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsctlError } from '../../src/errors.ts';
import { setProperty, setSubProperty, unsetProperty, unsetSubProperty } from '../../src/ini/edit.ts';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import type { SectionRef } from '../../src/ini/sections.ts';
import type { IniDocument } from '../../src/ini/types.ts';

/** Every oddity at once: BOM, CRLF, comments (whole-line and inline), a tab-indented
 *  sub-property block, an unknown key, a duplicated section and no final newline. */
const ODD = [
  '\uFEFF# fixture\r\n',
  '[default]\r\n',
  'region = us-east-1 # home\r\n',
  's3 =\r\n',
  '\tmax_concurrent_requests = 10\r\n',
  '\tsignature_version = s3v4\r\n',
  'unknown_key=kept\r\n',
  '\r\n',
  '; work account\r\n',
  '[profile work]\r\n',
  'role_arn = arn:aws:iam::123456789012:role/Work\r\n',
  '[profile work]\r\n',
  'source_profile = default',
].join('');

const profile = (name: string): SectionRef => ({ file: 'config', type: 'profile', name });
const text = (doc: IniDocument): string => serializeIni(doc);
const odd = (): IniDocument => parseIni(ODD);

function assertUsageError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => isAwsctlError(error) && error.exitCode === 2 && pattern.test(error.message));
}

test('setProperty replaces a value in place, keeping spacing and the inline comment', () => {
  assert.equal(text(setProperty(odd(), profile('default'), 'region', 'eu-west-1')), ODD.replace('region = us-east-1 # home', 'region = eu-west-1 # home'));
});

test('setProperty matches keys case-insensitively and keeps the written case', () => {
  const doc = parseIni('[default]\nRegion = a\n');
  assert.equal(text(setProperty(doc, profile('default'), 'region', 'b')), '[default]\nRegion = b\n');
});

test('setProperty replaces the last of duplicate keys (the one the SDKs use)', () => {
  const doc = parseIni('[profile a]\nk = 1\n[profile a]\nk = 2\n');
  assert.equal(text(setProperty(doc, profile('a'), 'k', '3')), '[profile a]\nk = 1\n[profile a]\nk = 3\n');
});

test('setProperty appends after the last property of the LAST matching section, keeping no final newline', () => {
  assert.equal(text(setProperty(odd(), profile('work'), 'region', 'eu-west-1')), ODD + '\r\nregion = eu-west-1');
});

test('setProperty inserts before trailing blank lines and comments of the section', () => {
  const doc = parseIni('[default]\nregion = a\n\n# next\n[profile b]\n');
  assert.equal(text(setProperty(doc, profile('default'), 'output', 'json')), '[default]\nregion = a\noutput = json\n\n# next\n[profile b]\n');
});

test("setProperty follows the neighbours' k=v spacing", () => {
  const doc = parseIni('[profile a]\nk=v\n');
  assert.equal(text(setProperty(doc, profile('a'), 'x', 'y')), '[profile a]\nk=v\nx=y\n');
});

test("setProperty creates a missing section at the end, in the file's style", () => {
  assert.equal(text(setProperty(odd(), profile('new'), 'region', 'eu-west-1')), ODD + '\r\n[profile new]\r\nregion = eu-west-1');
  const lf = parseIni('[default]\nregion = a\n\n[profile b]\nx = 1\n');
  assert.equal(text(setProperty(lf, profile('c'), 'region', 'b')), '[default]\nregion = a\n\n[profile b]\nx = 1\n\n[profile c]\nregion = b\n');
});

test('setProperty on an empty file writes LF with a final newline', () => {
  assert.equal(text(setProperty(parseIni(''), profile('default'), 'region', 'us-east-1')), '[default]\nregion = us-east-1\n');
  assert.equal(text(setProperty(parseIni(''), profile('dev'), 'region', 'us-east-1')), '[profile dev]\nregion = us-east-1\n');
});

test('setProperty on the default profile writes into [profile default] when the file has one', () => {
  const doc = parseIni('[default]\nregion = a\n[profile default]\noutput = json\n');
  assert.equal(text(setProperty(doc, profile('default'), 'region', 'b')), '[default]\nregion = a\n[profile default]\noutput = json\nregion = b\n');
});

test('setProperty in the credentials file uses bare [name] sections', () => {
  const doc = parseIni('[default]\naws_access_key_id = A\n[profile x]\naws_access_key_id = IGNORED\n');
  const ref: SectionRef = { file: 'credentials', type: 'profile', name: 'x' };
  assert.equal(
    text(setProperty(doc, ref, 'aws_access_key_id', 'B')),
    '[default]\naws_access_key_id = A\n[profile x]\naws_access_key_id = IGNORED\n[x]\naws_access_key_id = B\n',
  );
});

test('setProperty turns a continued or block value into a plain one, dropping only its indented lines', () => {
  const doc = parseIni('[profile a]\nk = v\n  more\n# keep\n  more2\nz = 1\n');
  assert.equal(text(setProperty(doc, profile('a'), 'k', 'w')), '[profile a]\nk = w\n# keep\nz = 1\n');
  assert.equal(
    text(setProperty(odd(), profile('default'), 's3', 'off')),
    ODD.replace('s3 =\r\n\tmax_concurrent_requests = 10\r\n\tsignature_version = s3v4\r\n', 's3 = off\r\n'),
  );
});

test('setProperty writes an empty value as `key =`', () => {
  assert.equal(text(setProperty(parseIni('[profile a]\nk = v\n'), profile('a'), 'k', '')), '[profile a]\nk = \n');
  assert.equal(text(setProperty(parseIni('[profile a]\nk =\n'), profile('a'), 'k', 'v')), '[profile a]\nk = v\n');
});

test('unsetProperty removes every occurrence with its indented lines; missing keys change nothing', () => {
  assert.equal(
    text(unsetProperty(odd(), profile('default'), 's3')),
    ODD.replace('s3 =\r\n\tmax_concurrent_requests = 10\r\n\tsignature_version = s3v4\r\n', ''),
  );
  const doc = parseIni('[profile a]\nk = 1\nx = 2\n[profile a]\nK = 3');
  assert.equal(text(unsetProperty(doc, profile('a'), 'k')), '[profile a]\nx = 2\n[profile a]');
  const same = odd();
  assert.equal(unsetProperty(same, profile('default'), 'nope'), same);
  assert.equal(unsetProperty(same, profile('nobody'), 'region'), same);
});

test("setSubProperty replaces or appends inside the block with the block's indentation", () => {
  assert.equal(
    text(setSubProperty(odd(), profile('default'), 's3', 'max_concurrent_requests', '20')),
    ODD.replace('max_concurrent_requests = 10', 'max_concurrent_requests = 20'),
  );
  assert.equal(
    text(setSubProperty(odd(), profile('default'), 's3', 'addressing_style', 'path')),
    ODD.replace('\tsignature_version = s3v4\r\n', '\tsignature_version = s3v4\r\n\taddressing_style = path\r\n'),
  );
});

test('setSubProperty creates the block (four spaces when the file has none to copy)', () => {
  const doc = parseIni('[profile a]\nregion = x\n');
  assert.equal(
    text(setSubProperty(doc, profile('a'), 's3', 'max_concurrent_requests', '20')),
    '[profile a]\nregion = x\ns3 =\n    max_concurrent_requests = 20\n',
  );
  assert.equal(
    text(setSubProperty(odd(), profile('work'), 'dynamodb', 'endpoint_url', 'http://localhost:8000')),
    ODD + '\r\ndynamodb =\r\n\tendpoint_url = http://localhost:8000',
  );
});

test('setSubProperty refuses a key that has a plain value', () => {
  assertUsageError(() => setSubProperty(odd(), profile('default'), 'region', 'x', 'y'), /plain value/);
});

test('unsetSubProperty removes one line, and the parent with its last child', () => {
  assert.equal(text(unsetSubProperty(odd(), profile('default'), 's3', 'signature_version')), ODD.replace('\tsignature_version = s3v4\r\n', ''));
  const one = parseIni('[profile a]\ns3 =\n  x = 1\nregion = r');
  assert.equal(text(unsetSubProperty(one, profile('a'), 's3', 'x')), '[profile a]\nregion = r');
  assert.equal(unsetSubProperty(one, profile('a'), 's3', 'missing'), one);
});

test('refuses names and values that would break the file', () => {
  assertUsageError(() => setProperty(odd(), profile('default'), 'region', 'a\nb'), /line break/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'region', 'a\rb'), /line break/);
  assertUsageError(() => setProperty(odd(), profile('a]b'), 'region', 'x'), /'\[' or '\]'/);
  assertUsageError(() => setProperty(odd(), profile('a\nb'), 'region', 'x'), /line break/);
  assertUsageError(() => setProperty(odd(), profile('my profile'), 'region', 'x'), /not a name/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'bad key', 'x'), /not a name/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'k', 'value # not a comment'), /comment/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'k', '#value'), /comment/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'k', ' padded'), /whitespace/);
  assertUsageError(() => setProperty(odd(), profile('default'), 'k', 'nul\0'), /control/);
  assertUsageError(() => setProperty(odd(), { file: 'credentials', type: 'sso-session', name: 's' }, 'k', 'v'), /config file/);
});

test('refuses to edit a file with a syntax error, naming the line', () => {
  const broken = parseIni('[default]\nregion = a\nnot a property\n');
  assert.throws(
    () => setProperty(broken, profile('default'), 'region', 'b'),
    (e: unknown) => isAwsctlError(e) && e.line === 3,
  );
});

test('secret values never appear in refusal messages', () => {
  try {
    setProperty(odd(), profile('default'), 'aws_secret_access_key', 'SECRET\nVALUE');
    assert.fail('expected a refusal');
  } catch (error) {
    assert.ok(isAwsctlError(error) && !error.message.includes('SECRET'));
  }
});
