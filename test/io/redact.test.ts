// The last safety net of --debug and error lines: secrets of the lengths AWS really issues are
// masked wherever they sit in a line, access key ids keep their last four characters, ordinary
// words, ARNs and paths pass unchanged, and URLs keep only their query parameter names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskSecret, redact, redactUrl } from '../../src/io/redact.ts';

// Shapes and lengths as STS, SSO-OIDC and IAM issue them (values made up).
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY'; // 40 characters, base64 alphabet
const SESSION_TOKEN =
  'IQoJb3JpZ2luX2VjEHcaCWV1LXdlc3QtMSJHMEUCIQD6mW1+x0dExampleSessionTokenAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  'AiBPq4vkLk5xJmS6b0l8ZQ8mP5gzY3p9rR7uW2mYcQ0VYSqJAgiw//////////ARAAGgwxMTExMjIyMzMzMzMiDExampleExampleExample' +
  'KuwBq5cF6z4w8y9M3nA1fL0pQb2T7vH6jX4kE8rS9uD0aY5oI3cW1gZ2hN7mB4vK6tR8sL0pF9qE2wD5xC3zA7yU1iO4jH6gT8fV0bN2mQ==';
const SSO_ACCESS_TOKEN = 'aoaAAAAAGhh2v0Xc3c0Y2FKq9kZ8mN1bV3cX5zA7yU1iO4jH6gT8fV0bN2mQ4wE6rT8yU0iO2pA4sD6fG8hJ0kL2zX4cV6bN8mQ1wE3rT5yU7iO9pA';
const HEX_SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024'; // SigV4, 64 hex
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const TEMPORARY_KEY_ID = 'ASIAQX2ZB7HEXAMPLE12';

test('redact masks secrets of real length wherever they sit in a line', () => {
  const cases: Array<{ line: string; secrets: string[] }> = [
    { line: `aws_secret_access_key = ${SECRET_ACCESS_KEY}`, secrets: [SECRET_ACCESS_KEY] },
    { line: `{"SecretAccessKey":"${SECRET_ACCESS_KEY}","SessionToken":"${SESSION_TOKEN}"}`, secrets: [SECRET_ACCESS_KEY, SESSION_TOKEN] },
    { line: `Authorization: Bearer ${SSO_ACCESS_TOKEN}`, secrets: [SSO_ACCESS_TOKEN] },
    { line: `Credential=AKIA…/20260301/eu-west-1/sts/aws4_request, Signature=${HEX_SIGNATURE}`, secrets: [HEX_SIGNATURE] },
    { line: `Error: unexpected token in ${SESSION_TOKEN.slice(0, 200)}\n    at parse (file.ts:1:2)`, secrets: [SESSION_TOKEN.slice(0, 200)] },
  ];
  for (const { line, secrets } of cases) {
    const out = redact(line);
    for (const secret of secrets) {
      assert.ok(!out.includes(secret), `${JSON.stringify(line.slice(0, 40))}: the secret survived`);
      // No long piece of it either (a mask that only cut the ends would leave the middle).
      assert.ok(!out.includes(secret.slice(8, 28)), `${JSON.stringify(line.slice(0, 40))}: part of the secret survived`);
    }
    assert.ok(out.includes('****'), `${JSON.stringify(line.slice(0, 40))}: masked as ****`);
  }
  assert.equal(redact(`secret ${SECRET_ACCESS_KEY} end`), 'secret **** end');
});

test('redact keeps only the last four characters of an access key id', () => {
  assert.equal(redact(`signed with ${ACCESS_KEY_ID}`), 'signed with AKIA…MPLE');
  assert.equal(redact(`calling sts:AssumeRole signed with ${TEMPORARY_KEY_ID} (profile dev)`), 'calling sts:AssumeRole signed with ASIA…LE12 (profile dev)');
  assert.ok(!redact(`${ACCESS_KEY_ID}:${TEMPORARY_KEY_ID}`).includes('IOSFODNN7'));
});

test('redact leaves ordinary text alone: words, ARNs, paths, short ids, timestamps', () => {
  for (const line of [
    'hop 1/2: assume-role arn:aws:iam::111122223333:role/Admin (profile dev)',
    'profile: reading /home/alice/.aws/config (0600)',
    'cache key 51e7b105b5040ce662656c8dc6ab4de', // 31 hex: below the secret length
    'sso: using the cached token for corp, valid until 2026-03-01T12:00:00.000Z',
    'HTTP POST https://sts.eu-west-1.amazonaws.com/ → 200 (12 ms)',
    '',
  ]) {
    assert.equal(redact(line), line);
  }
});

test('redactUrl keeps the path and the names of query parameters, never their values', () => {
  const code = 'eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0'; // an OAuth authorization code
  const url = `http://127.0.0.1:43210/oauth/callback?code=${code}&state=b1946ac92492d2347c6235b4d2611184`;
  const out = redactUrl(url);
  assert.equal(out, 'http://127.0.0.1:43210/oauth/callback?code=…&state=…');
  assert.ok(!out.includes(code) && !out.includes('b1946ac9'));
  assert.equal(
    redactUrl('https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=111111111111&role_name=ReadOnly'),
    'https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?account_id=…&role_name=…',
  );
  assert.equal(redactUrl('https://sts.amazonaws.com/?token'), 'https://sts.amazonaws.com/?token=…', 'a bare name keeps its name only');
  assert.equal(redactUrl('https://sts.amazonaws.com/'), 'https://sts.amazonaws.com/', 'no query: unchanged');
});

test('maskSecret shows presence and the last four characters only', () => {
  assert.equal(maskSecret(undefined), '');
  assert.equal(maskSecret(''), '');
  assert.equal(maskSecret('abcd'), '****');
  assert.equal(maskSecret(SECRET_ACCESS_KEY), '****EKEY');
});
