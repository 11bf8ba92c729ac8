// Cache-key vectors. Expected values were computed once with CPython 3's json.dumps + hashlib.sha1
// (the same calls botocore makes) and written here; the implementation under test never ran Python.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assumeRoleCacheKey,
  assumeRoleKeyText,
  makeFileSafe,
  ssoRegistrationCacheKey,
  ssoRegistrationKeyText,
  ssoRoleCacheKey,
  ssoRoleKeyText,
  ssoTokenCacheKey,
  webIdentityCacheKey,
} from '../../src/cache/cli-cache-key.ts';
import type { AssumeRoleKeyArgs } from '../../src/cache/cli-cache-key.ts';

const ROLE = 'arn:aws:iam::123456789012:role/Admin';

const assumeRoleVectors: Array<{ name: string; args: AssumeRoleKeyArgs; text: string; key: string }> = [
  { name: 'role only', args: { RoleArn: ROLE }, text: '{"RoleArn": "arn:aws:iam::123456789012:role/Admin"}', key: '51e7b105b5040ce662656c8dc6ab4de70c4de7ad' },
  {
    name: 'configured session name counts',
    args: { RoleArn: ROLE, RoleSessionName: 'alice' },
    text: '{"RoleArn": "arn:aws:iam::123456789012:role/Admin", "RoleSessionName": "alice"}',
    key: '3bb32a2920a40a5690d3fe4645e7c1ededd4319d',
  },
  {
    name: 'external id, mfa serial and duration, sorted',
    args: { SerialNumber: 'arn:aws:iam::111111111111:mfa/alice', DurationSeconds: 3600, RoleArn: ROLE, ExternalId: 'ext-1' },
    text: '{"DurationSeconds": 3600, "ExternalId": "ext-1", "RoleArn": "arn:aws:iam::123456789012:role/Admin", "SerialNumber": "arn:aws:iam::111111111111:mfa/alice"}',
    key: '4f28ea7ef3f7cfc091bcc695cc8afcdf9a329a83',
  },
  {
    name: 'empty external id is kept',
    args: { RoleArn: ROLE, ExternalId: '' },
    text: '{"ExternalId": "", "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    key: 'fc3d347cd6c2e4cbe20b1eaa39c8f4be1171e4e0',
  },
  {
    name: 'non-ASCII escaped as Python ensure_ascii does, astral as surrogates',
    args: { RoleArn: 'arn:aws:iam::123456789012:role/Ünïcode', RoleSessionName: 'séssion-😂' },
    text: '{"RoleArn": "arn:aws:iam::123456789012:role/\\u00dcn\\u00efcode", "RoleSessionName": "s\\u00e9ssion-\\ud83d\\ude02"}',
    key: '8a5305b47906ef090d54f92a6293a073f74b819c',
  },
  {
    name: 'policy is parsed so its keys sort; int/float spelling kept',
    args: {
      RoleArn: ROLE,
      Policy:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"x":1.0,"y":10,"z":1e-5}}}]}',
    },
    text: '{"Policy": {"Statement": [{"Action": "s3:*", "Condition": {"NumericLessThan": {"x": 1.0, "y": 10, "z": 1e-05}}, "Effect": "Allow", "Resource": "*"}], "Version": "2012-10-17"}, "RoleArn": "arn:aws:iam::123456789012:role/Admin"}',
    key: '98a5a29aefc4b1da0f9884c280de11bd893a330d',
  },
];

for (const v of assumeRoleVectors) {
  test(`assume-role key: ${v.name}`, () => {
    assert.equal(assumeRoleKeyText(v.args), v.text);
    assert.equal(assumeRoleCacheKey(v.args), v.key);
  });
}

test('a generated (absent or empty) session name is left out of the hash', () => {
  assert.equal(assumeRoleCacheKey({ RoleArn: ROLE, RoleSessionName: '' }), '51e7b105b5040ce662656c8dc6ab4de70c4de7ad');
  assert.equal(assumeRoleCacheKey({ RoleArn: ROLE, RoleSessionName: undefined }), '51e7b105b5040ce662656c8dc6ab4de70c4de7ad');
});

test('web identity key: RoleArn plus configured session name only', () => {
  assert.equal(webIdentityCacheKey({ roleArn: ROLE }), '51e7b105b5040ce662656c8dc6ab4de70c4de7ad');
  assert.equal(webIdentityCacheKey({ roleArn: ROLE, roleSessionName: 'alice' }), '3bb32a2920a40a5690d3fe4645e7c1ededd4319d');
});

test('sso role-credential key: compact JSON, sessionName else startUrl', () => {
  const withSession = { accountId: '123456789012', roleName: 'ReadOnly', sessionName: 'my-sso', startUrl: 'https://d-123.awsapps.com/start' };
  assert.equal(ssoRoleKeyText(withSession), '{"accountId":"123456789012","roleName":"ReadOnly","sessionName":"my-sso"}');
  assert.equal(ssoRoleCacheKey(withSession), '31b260dab331b2af063485cea75f7b8b3cf54c71');
  const legacy = { accountId: '123456789012', roleName: 'ReadOnly', startUrl: 'https://d-123.awsapps.com/start' };
  assert.equal(ssoRoleKeyText(legacy), '{"accountId":"123456789012","roleName":"ReadOnly","startUrl":"https://d-123.awsapps.com/start"}');
  assert.equal(ssoRoleCacheKey(legacy), '49d74a5adea274d356f0d1ec5a815460b5c8e31d');
  // botocore tests the session name for truthiness: an empty one falls back to the start URL.
  assert.equal(ssoRoleCacheKey({ ...legacy, sessionName: '' }), '49d74a5adea274d356f0d1ec5a815460b5c8e31d');
});

test('sso token file name: sha1 of session name, else start URL', () => {
  assert.equal(ssoTokenCacheKey({ sessionName: 'test-session', startUrl: 'https://d-123.awsapps.com/start' }), '70780fa17c57df49aa7c7f603fde6ea7a14148f2');
  assert.equal(ssoTokenCacheKey({ startUrl: 'https://d-123.awsapps.com/start' }), '2b829a45f04c9828cb45b7d092d8e4aa30818393');
});

test('sso registration key: tool/startUrl/region/scopes/session_name, nulls when absent', () => {
  const legacy = { startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' };
  assert.equal(
    ssoRegistrationKeyText(legacy),
    '{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}',
  );
  assert.equal(ssoRegistrationCacheKey(legacy), '334df8a025b4d748342a2fb4eaa316ea48c5576c');
  const session = { ...legacy, scopes: ['sso:account:access'], sessionName: 'my-sso' };
  assert.equal(ssoRegistrationCacheKey(session), '41703fba9789c2c8f9b7faa73b70bebb72c62cc9');
});

test('makeFileSafe replaces colon and slashes', () => {
  assert.equal(makeFileSafe('a:b/c\\d'), 'a_b_c_d');
});
