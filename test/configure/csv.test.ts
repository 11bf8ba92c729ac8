// The IAM console access-key CSV: both shapes, BOM, CRLF, quotes, and clear errors that never
// contain a secret.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAccessKeyCsv, parseCsvRecords } from '../../src/profile/access-key-csv.ts';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('current console form, with BOM and CRLF', () => {
  assert.deepEqual(parseAccessKeyCsv(`\uFEFFAccess key ID,Secret access key\r\n${ID},${SECRET}\r\n`), [{ accessKeyId: ID, secretAccessKey: SECRET, line: 2 }]);
});

test('older form with User name first and several users', () => {
  const text = `User name,Password,Access key ID,Secret access key,Console login link\nalice,pw,${ID},${SECRET},https://x\nbob,,AKIAI44QH8DHBEXAMPLE,je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY,https://x\n`;
  assert.deepEqual(parseAccessKeyCsv(text), [
    { userName: 'alice', accessKeyId: ID, secretAccessKey: SECRET, line: 2 },
    { userName: 'bob', accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', line: 3 },
  ]);
});

test('headers match in any case and spacing; quoted fields and blank lines are fine', () => {
  const text = `"User Name", "Access Key Id" ,"Secret Access Key"\n\n"carol",${ID},"${SECRET}"\n\n`;
  assert.deepEqual(parseAccessKeyCsv(text), [{ userName: 'carol', accessKeyId: ID, secretAccessKey: SECRET, line: 3 }]);
});

test('CSV records: quotes, escaped quotes, commas and newlines inside quotes', () => {
  assert.deepEqual(parseCsvRecords('a,"b,c","d ""e""",\n"multi\nline",x'), [
    { fields: ['a', 'b,c', 'd "e"', ''], line: 1 },
    { fields: ['multi\nline', 'x'], line: 2 },
  ]);
});

const errors: Array<[string, string, RegExp]> = [
  ['empty file', '', /the file is empty/],
  ['headers only', 'Access key ID,Secret access key\n', /no access key/],
  ['wrong headers', 'Key,Secret\nA,B\n', /does not have the 'Access key ID' and 'Secret access key' headings/],
  ['missing secret', `Access key ID,Secret access key\n${ID},\n`, /line 2 has no secret access key/],
  ['missing id', `Access key ID,Secret access key\n,${SECRET}\n`, /line 2 has no access key ID/],
  ['garbage id', `Access key ID,Secret access key\nnot-a-key,${SECRET}\n`, /line 2: the access key ID is not/],
  ['open quote', `Access key ID,Secret access key\n"${ID},${SECRET}\n`, /quoted field that starts on line 2 is never closed/],
];
for (const [name, text, message] of errors) {
  test(`CSV error: ${name}`, () => {
    assert.throws(
      () => parseAccessKeyCsv(text),
      (error: Error) => {
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /wJalr/);
        return true;
      },
    );
  });
}
