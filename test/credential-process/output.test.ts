// Validation of what a credential_process helper prints, table-driven.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsctlError } from '../../src/errors.ts';
import { parseCredentialProcessOutput } from '../../src/resolve/credential-process-output.ts';

const SECRET = 'S3CR3T-never-in-errors';

test('full output: session token, expiration with offset, AccountId from the helper wins over the profile', () => {
  const out = JSON.stringify({
    Version: 1,
    AccessKeyId: 'ASIA1',
    SecretAccessKey: SECRET,
    SessionToken: 'tok',
    Expiration: '2022-05-02T18:36:00+00:00',
    AccountId: '123456789002',
  });
  assert.deepEqual(parseCredentialProcessOutput(out, 'p', '123456789001'), {
    accessKeyId: 'ASIA1',
    secretAccessKey: SECRET,
    sessionToken: 'tok',
    expiration: new Date(1651516560_000),
    accountId: '123456789002',
  });
});

test("without AccountId the profile's aws_account_id is used; long-term keys have no token or expiry", () => {
  const out = JSON.stringify({ Version: 1, AccessKeyId: 'AKIA1', SecretAccessKey: SECRET });
  assert.deepEqual(parseCredentialProcessOutput(out, 'p', '123456789001'), { accessKeyId: 'AKIA1', secretAccessKey: SECRET, accountId: '123456789001' });
  assert.deepEqual(parseCredentialProcessOutput(out, 'p'), { accessKeyId: 'AKIA1', secretAccessKey: SECRET });
});

test('a session token without Expiration is accepted (the guide: no Expiration means it does not expire)', () => {
  const creds = parseCredentialProcessOutput(JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'B', SessionToken: 'T' }), 'p');
  assert.equal(creds.sessionToken, 'T');
  assert.equal(creds.expiration, undefined);
});

test('null and empty optional fields count as absent; surrounding whitespace and unknown keys are fine', () => {
  const out = `\n  ${JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'B', SessionToken: null, Expiration: '', AccountId: null, Extra: [1] })}\n`;
  assert.deepEqual(parseCredentialProcessOutput(out, 'p'), { accessKeyId: 'A', secretAccessKey: 'B' });
});

test('Expiration forms: Z, fractions, offsets (with and without colon), space separator', () => {
  const at = (e: string): number | undefined =>
    parseCredentialProcessOutput(JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 'B', Expiration: e }), 'p').expiration?.getTime();
  assert.equal(at('2026-11-21T12:00:00Z'), Date.UTC(2026, 10, 21, 12));
  assert.equal(at('2026-11-21T12:00:00.123456Z'), Date.UTC(2026, 10, 21, 12, 0, 0, 123));
  assert.equal(at('2026-11-21T14:00:00+02:00'), Date.UTC(2026, 10, 21, 12));
  assert.equal(at('2026-11-21T07:00:00-0500'), Date.UTC(2026, 10, 21, 12));
  assert.equal(at('2026-11-21 12:00:00z'), Date.UTC(2026, 10, 21, 12));
});

const broken: Array<[string, string, RegExp]> = [
  ['not JSON', `{"Version":1,"AccessKeyId":"A","SecretAccessKey":"${SECRET}"`, /not valid JSON/],
  ['nothing printed', '   \n', /printed nothing/],
  ['an array', '[1]', /not a JSON object/],
  ['Version 2', JSON.stringify({ Version: 2, AccessKeyId: 'A', SecretAccessKey: SECRET }), /Version 2; only Version 1/],
  ['Version as a string', JSON.stringify({ Version: '1', AccessKeyId: 'A', SecretAccessKey: SECRET }), /Version not a number/],
  ['no Version', JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: SECRET }), /Version missing/],
  ['no AccessKeyId', JSON.stringify({ Version: 1, SecretAccessKey: SECRET }), /no AccessKeyId/],
  ['empty SecretAccessKey', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: '' }), /no SecretAccessKey/],
  ['numeric SecretAccessKey', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 5 }), /SecretAccessKey is not a string/],
  ['numeric SessionToken', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, SessionToken: 1 }), /SessionToken is not a string/],
  ['epoch Expiration', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, Expiration: '1651516560' }), /not an RFC 3339/],
  ['local-time Expiration', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, Expiration: '2026-11-21T12:00:00' }), /not an RFC 3339/],
  ['Feb 30', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, Expiration: '2026-02-30T00:00:00Z' }), /not a valid date/],
  ['hour 24', JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: SECRET, Expiration: '2026-02-01T24:00:00Z' }), /not a valid date/],
];

test('broken output: an AwsctlError naming the profile and the problem, never a secret value', () => {
  for (const [label, out, why] of broken) {
    assert.throws(
      () => parseCredentialProcessOutput(out, 'team-dev'),
      (error: AwsctlError) => {
        assert.ok(error instanceof AwsctlError, label);
        assert.match(error.message, /credential_process for profile team-dev failed/, label);
        assert.match(error.message, why, label);
        assert.ok(!error.message.includes(SECRET), `${label}: no secret in ${error.message}`);
        assert.equal(error.profile, 'team-dev');
        assert.ok(!/[\r\n]/.test(error.message));
        return true;
      },
    );
  }
});
