// The pure helpers written for the lean start-up path: SHA-1 without node:crypto, and a
// complete synchronous write to a file descriptor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha1Hex } from '../../src/cache/sha1.ts';
import { writeAllSync } from '../../src/io/fd-write.ts';

test('sha1Hex equals node:crypto for block-boundary lengths, non-ASCII text and random strings', () => {
  const inputs = ['', 'abc', '{"RoleArn": "arn:aws:iam::123456789012:role/dev"}', 'é€😀 mixed ✓', 'x'.repeat(70_000)];
  for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128]) inputs.push('a'.repeat(n));
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 300; i++) inputs.push(String.fromCharCode(...Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 0xd7ff))));
  for (const text of inputs) assert.equal(sha1Hex(text), createHash('sha1').update(text, 'utf8').digest('hex'), `length ${text.length}`);
});

test('sha1Hex gives the FIPS 180 test vector', () => {
  assert.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
});

test('writeAllSync writes every byte across partial writes and waits out EAGAIN', () => {
  const written: Buffer[] = [];
  let calls = 0;
  const fakeWrite = ((_fd: number, buffer: Buffer, offset: number, length: number) => {
    calls++;
    if (calls === 2) throw Object.assign(new Error('try again'), { code: 'EAGAIN' });
    const n = Math.min(3, length); // a pipe taking 3 bytes at a time
    written.push(Buffer.from(buffer.subarray(offset, offset + n)));
    return n;
  }) as unknown as typeof import('node:fs').writeSync;
  writeAllSync(1, 'héllo wörld', fakeWrite);
  assert.equal(Buffer.concat(written).toString('utf8'), 'héllo wörld');
  assert.ok(calls > 4);
});

test('writeAllSync passes on errors other than EAGAIN and EPIPE', () => {
  const failing = (() => {
    throw Object.assign(new Error('bad file descriptor'), { code: 'EBADF' });
  }) as unknown as typeof import('node:fs').writeSync;
  assert.throws(() => writeAllSync(1, 'x', failing), /bad file descriptor/);
});

test('writeAllSync stops quietly when the reader has gone (EPIPE, as in `awsctl env | head -1`)', () => {
  let calls = 0;
  const closed = (() => {
    calls++;
    throw Object.assign(new Error('broken pipe'), { code: 'EPIPE' });
  }) as unknown as typeof import('node:fs').writeSync;
  assert.doesNotThrow(() => writeAllSync(1, 'x', closed));
  assert.equal(calls, 1);
});
