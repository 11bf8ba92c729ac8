import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHttpTransportError } from '../../src/io/http-errors.ts';
import type { HttpRequest } from '../../src/io/context.ts';
import { createReplayingHttpClient, KOTLIN_RULES, RUST_RULES, requestMismatches, uriMatches } from '../conformance/replay/replaying-http.ts';
import type { RecordedExchange } from '../conformance/replay/traffic.ts';

function exchange(method: string, uri: string, headers: Record<string, string>, status: number, body = ''): RecordedExchange {
  return { request: { method, uri, headers }, response: { kind: 'response', status, headers: { 'content-type': 'text/plain' }, body } };
}

const req = (method: string, url: string, headers: Record<string, string> = {}): HttpRequest => ({ method, url, headers, timeoutMs: 1000 });

test('URI matching: query parameter order is free, values and paths are not', () => {
  assert.ok(uriMatches('https://p/f/c?a=1&b=2', 'https://p/f/c?b=2&a=1'));
  assert.ok(uriMatches('http://aws.override', 'http://aws.override/'), 'an empty path is /');
  assert.ok(uriMatches('https://p/c?x=a%3Ab', 'https://p/c?x=a:b'), 'percent-encoding is compared decoded');
  assert.ok(!uriMatches('https://p/c?a=1', 'https://p/c?a=2'));
  assert.ok(!uriMatches('https://p/c?a=1', 'https://p/c?a=1&a=1'));
  assert.ok(!uriMatches('https://p/c', 'http://p/c'));
  assert.ok(!uriMatches('https://p/c', 'https://q/c'));
  assert.ok(!uriMatches('http://h/list', 'http://h/list/'));
  assert.ok(uriMatches('http://h/list', 'http://h/list/', true), 'Kotlin records the IMDS role list without the slash');
});

test('request checks: method, content-type by media type, token headers by value (never shown)', () => {
  const recorded = {
    method: 'POST',
    uri: 'https://sts.x/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-aws-ec2-metadata-token': 'tok-123', 'user-agent': 'rust' },
  };
  assert.deepEqual(
    requestMismatches(
      recorded,
      req('POST', 'https://sts.x/', {
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-aws-ec2-metadata-token': 'tok-123',
        'user-agent': 'awsctl',
      }),
      RUST_RULES,
    ),
    [],
  );
  const problems = requestMismatches(
    recorded,
    req('GET', 'https://sts.x/', { 'content-type': 'text/xml', 'x-aws-ec2-metadata-token': 'other-tok' }),
    RUST_RULES,
  );
  assert.deepEqual(problems, [
    'method GET, recorded POST',
    'header content-type differs from the recording',
    'header x-aws-ec2-metadata-token differs from the recording',
  ]);
  assert.ok(!problems.join(' ').includes('tok-123') && !problems.join(' ').includes('other-tok'));
  assert.deepEqual(requestMismatches(recorded, req('POST', 'https://sts.x/', {}), RUST_RULES), [
    'header content-type missing',
    'header x-aws-ec2-metadata-token missing',
  ]);
});

test('serves recorded responses in order and verifies nothing is left over', async () => {
  const http = createReplayingHttpClient(
    [exchange('PUT', 'http://i/token', {}, 200, 'T'), exchange('GET', 'http://i/list/', { 'x-aws-ec2-metadata-token': 'T' }, 404)],
    RUST_RULES,
  );
  const first = await http.send(req('PUT', 'http://i/token'));
  assert.deepEqual(first, { status: 200, headers: { 'content-type': 'text/plain' }, body: 'T' });
  assert.deepEqual(http.verify({ expectError: false }), ['only 1 of 2 recorded requests were made']);
  const second = await http.send(req('GET', 'http://i/wrong', { 'x-aws-ec2-metadata-token': 'T' }));
  assert.equal(second.status, 404, 'served by position even when the request differs, as in Rust');
  assert.deepEqual(http.verify({ expectError: false }), ['request 2: URI http://i/wrong, recorded http://i/list/']);
  assert.deepEqual(http.sent, [
    { method: 'PUT', url: 'http://i/token' },
    { method: 'GET', url: 'http://i/wrong' },
  ]);
});

test('a request past the recording is a connection error and a problem', async () => {
  const http = createReplayingHttpClient([], RUST_RULES);
  await assert.rejects(
    http.send(req('GET', 'http://169.254.169.254/latest/api/token')),
    (error: unknown) => isHttpTransportError(error) && error.kind === 'connect',
  );
  assert.deepEqual(http.verify({ expectError: true }), ['unexpected request past the recording: GET http://169.254.169.254/latest/api/token']);
});

test('when a failure is expected, retries of the last recorded request are tolerated, other requests are not', async () => {
  const recording = [exchange('GET', 'https://portal/f?a=1&r=2', {}, 503)];
  const retried = createReplayingHttpClient(recording, RUST_RULES);
  assert.equal((await retried.send(req('GET', 'https://portal/f?r=2&a=1'))).status, 503);
  await assert.rejects(retried.send(req('GET', 'https://portal/f?a=1&r=2')));
  assert.deepEqual(retried.verify({ expectError: true }), []);
  assert.equal(retried.verify({ expectError: false }).length, 1, 'the same retry is a problem when credentials are expected');
  const fallback = createReplayingHttpClient(recording, RUST_RULES);
  await fallback.send(req('GET', 'https://portal/f?a=1&r=2'));
  await assert.rejects(fallback.send(req('GET', 'https://portal/other')));
  assert.deepEqual(fallback.verify({ expectError: true }), ['unexpected request past the recording: GET https://portal/other']);
});

test('a recorded connection error is raised as a transport error; Kotlin rules ignore the trailing slash', async () => {
  const http = createReplayingHttpClient(
    [{ request: { method: 'GET', uri: 'http://i/x', headers: {} }, response: { kind: 'connection-error', message: 'reset' } }],
    KOTLIN_RULES,
  );
  await assert.rejects(http.send(req('GET', 'http://i/x/')), /recorded connection error: reset/);
  assert.deepEqual(http.verify({ expectError: true }), []);
});

test('the IMDS extended API is answered 404 without using a recording, so the legacy fallback meets the recording', async () => {
  const http = createReplayingHttpClient([exchange('GET', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', {}, 200, 'role')], RUST_RULES);
  const extended = await http.send(req('GET', 'http://169.254.169.254/latest/meta-data/iam/security-credentials-extended/'));
  assert.equal(extended.status, 404);
  assert.deepEqual(http.verify({ expectError: false }), ['only 0 of 1 recorded requests were made']);
  assert.equal((await http.send(req('GET', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'))).body, 'role');
  assert.deepEqual(http.verify({ expectError: false }), []);
  assert.deepEqual(http.synthesized, [{ method: 'GET', url: 'http://169.254.169.254/latest/meta-data/iam/security-credentials-extended/' }]);
  const strict = createReplayingHttpClient([], { ...RUST_RULES, imdsWithoutExtendedApi: false });
  await assert.rejects(strict.send(req('GET', 'http://169.254.169.254/latest/meta-data/iam/security-credentials-extended/')));
});
