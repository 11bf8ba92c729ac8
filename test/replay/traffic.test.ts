import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDvrTraffic, parseKotlinTraffic } from '../conformance/replay/traffic.ts';

const request = (id: number, uri: string, method = 'GET', headers: Record<string, string[]> = {}) => ({
  connection_id: id,
  action: { Request: { request: { uri, method, headers } } },
});
const response = (id: number, status: number, headers: Record<string, string[]> = {}) => ({
  connection_id: id,
  action: { Response: { response: { Ok: { status, version: 'HTTP/1.1', headers } } } },
});
const data = (id: number, direction: 'Request' | 'Response', data: Record<string, string>) => ({ connection_id: id, action: { Data: { data, direction } } });
const eof = (id: number, direction: string) => ({ connection_id: id, action: { Eof: { ok: true, direction } } });

test('DVR: events are grouped by connection and ordered by connection id', () => {
  const exchanges = parseDvrTraffic({
    version: 'V0',
    events: [
      request(1, 'http://second.example/b'),
      request(0, 'http://first.example/a', 'PUT', { 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': ['60'] }),
      data(0, 'Request', { Utf8: 'request body is not served' }),
      response(0, 200, { 'Content-Type': ['text/plain'], 'content-length': ['999'] }),
      data(0, 'Response', { Utf8: 'hel' }),
      eof(0, 'Request'),
      data(0, 'Response', { Base64: Buffer.from('lo ✓').toString('base64') }),
      eof(0, 'Response'),
      response(1, 404, { 'x-multi': ['a', 'b'] }),
    ],
  });
  assert.equal(exchanges.length, 2);
  assert.deepEqual(exchanges[0]!.request, { method: 'PUT', uri: 'http://first.example/a', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
  assert.deepEqual(exchanges[0]!.response, {
    kind: 'response',
    status: 200,
    // content-length is rewritten to the real byte length of the body ("hello ✓" is 9 bytes)
    headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength('hello ✓')) },
    body: 'hello ✓',
  });
  assert.deepEqual(exchanges[1]!.response, { kind: 'response', status: 404, headers: { 'x-multi': 'a, b' }, body: '' });
});

test('DVR: a recorded connection error, and broken recordings', () => {
  const [exchange] = parseDvrTraffic({ events: [request(0, 'http://x/'), { connection_id: 0, action: { Response: { response: { Err: 'refused' } } } }] });
  assert.deepEqual(exchange!.response, { kind: 'connection-error', message: 'refused' });
  assert.deepEqual(parseDvrTraffic({ version: 'V0', events: [] }), []);
  assert.throws(() => parseDvrTraffic({ events: [request(1, 'http://x/'), response(1, 200)] }), /0\.\.n-1/);
  assert.throws(() => parseDvrTraffic({ events: [request(0, 'http://x/')] }), /lacks a request or a response/);
});

test('Kotlin: an ordered array; single-string headers; null or missing bodies are empty', () => {
  const exchanges = parseKotlinTraffic([
    {
      request: { uri: 'http://h/t', method: 'PUT', headers: { 'X-Ttl': '1' }, body: null },
      response: { status: 403, headers: { 'Content-Type': 'text/xml' }, body: null },
    },
    { request: { uri: 'http://h/c', method: 'GET', headers: {} }, response: { status: 200, headers: { 'Content-Length': '1' }, body: '{"a":"é"}' } },
  ]);
  assert.deepEqual(exchanges[0], {
    request: { method: 'PUT', uri: 'http://h/t', headers: { 'x-ttl': '1' } },
    response: { kind: 'response', status: 403, headers: { 'content-type': 'text/xml' }, body: '' },
  });
  assert.deepEqual(exchanges[1]!.response, { kind: 'response', status: 200, headers: { 'content-length': '10' }, body: '{"a":"é"}' });
  assert.throws(() => parseKotlinTraffic({ events: [] }), /array/);
});
