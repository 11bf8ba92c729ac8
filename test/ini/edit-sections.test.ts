// Section editors on exact bytes: add, rename, remove, with duplicates, comments, CRLF,
// BOM and a missing final newline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsctlError } from '../../src/errors.ts';
import { addSection, removeSection, renameSection } from '../../src/ini/edit-sections.ts';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import type { SectionRef } from '../../src/ini/sections.ts';

const profile = (name: string): SectionRef => ({ file: 'config', type: 'profile', name });
const FILE = [
  '# top comment',
  '[default]',
  'region = us-east-1',
  '',
  '# the work account',
  '[profile work] ; keep me',
  'role_arn = arn:aws:iam::123456789012:role/Work',
  '# about the source',
  'source_profile = default',
  '',
  '[sso-session corp]',
  'sso_region = us-east-1',
  '',
  '[profile work]',
  'region = eu-west-1',
  '',
].join('\n');

test("addSection appends an empty section after a blank line, in the file's style", () => {
  assert.equal(serializeIni(addSection(parseIni(FILE), profile('dev'))), FILE + '\n[profile dev]\n');
  assert.equal(serializeIni(addSection(parseIni('[default]\r\nregion = a'), profile('dev'))), '[default]\r\nregion = a\r\n\r\n[profile dev]');
  assert.equal(serializeIni(addSection(parseIni(''), { file: 'config', type: 'sso-session', name: 'corp' })), '[sso-session corp]\n');
  assert.equal(serializeIni(addSection(parseIni('[a]\n'), { file: 'credentials', type: 'profile', name: 'b' })), '[a]\n\n[b]\n');
  assert.equal(serializeIni(addSection(parseIni(''), { file: 'config', type: 'services', name: 'local' })), '[services local]\n');
});

test('addSection refuses an existing section (either default form counts)', () => {
  assert.throws(
    () => addSection(parseIni(FILE), profile('work')),
    (e: unknown) => isAwsctlError(e) && e.exitCode === 2,
  );
  assert.throws(
    () => addSection(parseIni('[profile default]\n'), profile('default')),
    (e: unknown) => isAwsctlError(e) && e.exitCode === 2,
  );
});

test('renameSection rewrites every header of the section and keeps a trailing comment', () => {
  const renamed = serializeIni(renameSection(parseIni(FILE), profile('work'), 'job'));
  assert.equal(renamed, FILE.replace('[profile work] ; keep me', '[profile job] ; keep me').replace('\n[profile work]\n', '\n[profile job]\n'));
});

test('renameSection moves between [default] and [profile x] forms', () => {
  assert.equal(serializeIni(renameSection(parseIni('[default]\nregion = a'), profile('default'), 'old')), '[profile old]\nregion = a');
  assert.equal(serializeIni(renameSection(parseIni('\uFEFF[profile x]\r\n'), profile('x'), 'default')), '\uFEFF[default]\r\n');
  assert.equal(serializeIni(renameSection(parseIni('[x]\n'), { file: 'credentials', type: 'profile', name: 'x' }, 'y')), '[y]\n');
});

test('renameSection refuses a missing source, an existing target and a bad name', () => {
  assert.throws(
    () => renameSection(parseIni(FILE), profile('nope'), 'x'),
    (e: unknown) => isAwsctlError(e) && e.exitCode === 1,
  );
  assert.throws(
    () => renameSection(parseIni(FILE), profile('work'), 'default'),
    (e: unknown) => isAwsctlError(e) && e.exitCode === 2,
  );
  assert.throws(
    () => renameSection(parseIni(FILE), profile('work'), 'has space'),
    (e: unknown) => isAwsctlError(e) && e.exitCode === 2,
  );
});

test('removeSection removes every copy with the comments inside it, keeping the comment that introduces the next section', () => {
  const removed = serializeIni(removeSection(parseIni(FILE), profile('default')));
  assert.equal(removed, FILE.replace('[default]\nregion = us-east-1\n', ''));
  const noWork = serializeIni(removeSection(parseIni(FILE), profile('work')));
  // Comments above a header are outside the section: awsctl never deletes text it cannot attribute.
  assert.equal(
    noWork,
    ['# top comment', '[default]', 'region = us-east-1', '', '# the work account', '', '[sso-session corp]', 'sso_region = us-east-1', '', ''].join('\n'),
  );
});

test('removeSection of the last section keeps the missing final newline', () => {
  assert.equal(
    serializeIni(removeSection(parseIni('[a]\r\nx = 1\r\n\r\n[b]\r\ny = 2'), { file: 'credentials', type: 'profile', name: 'b' })),
    '[a]\r\nx = 1\r\n',
  );
  assert.equal(serializeIni(removeSection(parseIni('[a]\r\nx = 1\r\n[b]\r\ny = 2'), { file: 'credentials', type: 'profile', name: 'b' })), '[a]\r\nx = 1');
  assert.equal(serializeIni(removeSection(parseIni('\uFEFF[a]\nx = 1\n'), { file: 'credentials', type: 'profile', name: 'a' })), '\uFEFF');
});

test('removeSection only touches the sections the SDKs read for the name', () => {
  const doc = parseIni('[default]\na = 1\n[profile default]\nb = 2\n');
  assert.equal(serializeIni(removeSection(doc, profile('default'))), '[default]\na = 1\n');
  assert.throws(
    () => removeSection(doc, profile('missing')),
    (e: unknown) => isAwsctlError(e),
  );
});
