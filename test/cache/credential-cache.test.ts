// ~/.aws/cli/cache entries: interop with files the AWS CLI wrote, botocore's exact output,
// tolerance of broken entries, refresh window, file and folder modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.ts';
import { createNodeFileSystem } from '../../src/io/node-fs.ts';
import {
  cliCachePath,
  formatBotocoreExpiration,
  isFresh,
  MAX_CACHE_ENTRY_BYTES,
  parseCacheTimestamp,
  parseCredentialCache,
  readCredentialCache,
  readFreshCredentials,
  refreshWindowSeconds,
  serializeCacheEntry,
  ssoRoleCacheEntry,
  stsCacheEntry,
  writeCredentialCache,
} from '../../src/cache/credential-cache.ts';

const nodeFs = createNodeFileSystem();

// Produced by CPython json.dumps(response, default=botocore's _serialize_if_needed) for an
// AssumeRole response, i.e. byte for byte what `aws` leaves in ~/.aws/cli/cache.
const AWS_CLI_WRITTEN =
  '{"Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret/key+1", "SessionToken": "token==", "Expiration": "2026-11-21T12:00:00UTC", "AccountId": "123456789012"}, "AssumedRoleUser": {"AssumedRoleId": "AROAEXAMPLE:botocore-session-1700000000", "Arn": "arn:aws:sts::123456789012:assumed-role/Admin/botocore-session-1700000000"}, "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200, "HTTPHeaders": {"x-amzn-requestid": "req-1", "content-type": "text/xml", "content-length": "1491", "date": "Sat, 21 Nov 2026 11:00:00 GMT"}, "RetryAttempts": 0}}';

const EXPIRATION = new Date('2026-11-21T12:00:00Z');

test('reads an entry exactly as the AWS CLI writes it', () => {
  const home = tempDir();
  const path = cliCachePath(home, 'abc');
  assert.equal(path, join(home, '.aws', 'cli', 'cache', 'abc.json'));
  fs.mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true });
  fs.writeFileSync(path, AWS_CLI_WRITTEN);
  assert.deepEqual(readCredentialCache(nodeFs, path), {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret/key+1',
    sessionToken: 'token==',
    expiration: EXPIRATION,
    accountId: '123456789012',
  });
});

test('writes what botocore writes (CPython output as the oracle)', () => {
  const credentials = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret/key+1',
    sessionToken: 'token==',
    expiration: EXPIRATION,
    accountId: '123456789012',
  };
  const entry = stsCacheEntry({
    credentials,
    assumedRoleUser: { assumedRoleId: 'AROAEXAMPLE:alice', arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice' },
    requestId: 'req-1',
  });
  assert.equal(
    serializeCacheEntry(entry),
    '{"Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret/key+1", "SessionToken": "token==", "Expiration": "2026-11-21T12:00:00UTC", "AccountId": "123456789012"}, "AssumedRoleUser": {"AssumedRoleId": "AROAEXAMPLE:alice", "Arn": "arn:aws:sts::123456789012:assumed-role/Admin/alice"}, "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": 200, "HTTPHeaders": {}, "RetryAttempts": 0}}',
  );
  const sso = ssoRoleCacheEntry({ accessKeyId: 'ASIASSO', secretAccessKey: 's', sessionToken: 't', expiration: EXPIRATION, accountId: '123456789012' });
  assert.equal(
    serializeCacheEntry(sso),
    '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIASSO", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-11-21T12:00:00Z", "AccountId": "123456789012"}}',
  );
});

test('write then read round-trips; file 0600, new folders 0700', () => {
  const home = tempDir();
  const path = cliCachePath(home, 'k1');
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN', expiration: new Date('2030-01-02T03:04:05.678Z') };
  writeCredentialCache(nodeFs, path, stsCacheEntry({ credentials }));
  assert.equal(fs.statSync(path).mode & 0o777, 0o600);
  for (const folder of ['.aws', '.aws/cli', '.aws/cli/cache']) assert.equal(fs.statSync(join(home, folder)).mode & 0o777, 0o700, folder);
  // botocore keeps whole seconds.
  assert.deepEqual(readCredentialCache(nodeFs, path), { ...credentials, expiration: new Date('2030-01-02T03:04:05Z') });
});

test('corrupt, truncated or incomplete entries are a miss, and a write replaces them', () => {
  const home = tempDir();
  const path = cliCachePath(home, 'bad');
  fs.mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true });
  const broken = [
    AWS_CLI_WRITTEN.slice(0, 80),
    '',
    '\u0000\u0000\u0000',
    'null',
    '[]',
    '{"Credentials": null}',
    '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T"}}',
    '{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "tomorrow"}}',
    '{"Credentials": {"AccessKeyId": 5, "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2030-01-01T00:00:00Z"}}',
  ];
  for (const text of broken) {
    fs.writeFileSync(path, text);
    assert.equal(readCredentialCache(nodeFs, path), undefined, JSON.stringify(text));
  }
  fs.rmSync(path);
  fs.mkdirSync(path); // a folder where the entry should be: still only a miss
  assert.equal(readCredentialCache(nodeFs, path), undefined);
  fs.rmdirSync(path);
  fs.writeFileSync(path, '{"Credentials": {"Acc');
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SECRET', sessionToken: 'TOKEN', expiration: EXPIRATION };
  writeCredentialCache(nodeFs, path, stsCacheEntry({ credentials }));
  assert.deepEqual(readCredentialCache(nodeFs, path), credentials);
});

test('an entry without a session token, or with an impossible or numeric Expiration, is a miss', () => {
  const entry = (credentials: Record<string, unknown>) =>
    JSON.stringify({
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 's', SessionToken: 't', Expiration: '2099-01-01T00:00:00UTC', ...credentials },
    });
  assert.ok(parseCredentialCache(entry({})));
  assert.equal(parseCredentialCache(entry({ SessionToken: '' })), undefined);
  assert.equal(parseCredentialCache(entry({ Expiration: '2099-02-30T00:00:00UTC' })), undefined);
  assert.equal(parseCredentialCache(entry({ Expiration: 4102444800 })), undefined);
});

test('an entry larger than any real one is a miss and is not read', () => {
  const dir = tempDir('awsctl-cache-big-');
  const path = join(dir, 'big.json');
  fs.writeFileSync(path, AWS_CLI_WRITTEN);
  fs.truncateSync(path, MAX_CACHE_ENTRY_BYTES + 1); // sparse
  let read = 0;
  const counting = {
    ...nodeFs,
    readFile: (p: string, options?: { maxBytes?: number }) => {
      const bytes = nodeFs.readFile(p, options);
      read += bytes?.length ?? 0;
      return bytes;
    },
  };
  assert.equal(readCredentialCache(counting, path), undefined);
  assert.equal(read, 0);
  assert.throws(() => nodeFs.readFile(path, { maxBytes: MAX_CACHE_ENTRY_BYTES }), /file too large/);
  assert.equal(nodeFs.readFile(path, { maxBytes: MAX_CACHE_ENTRY_BYTES + 1 })?.length, MAX_CACHE_ENTRY_BYTES + 1, 'at the limit: read');
});

test('timestamps: RFC 3339 variants and botocore UTC spelling', () => {
  const table: Array<[string, string | undefined]> = [
    ['2026-11-21T12:00:00UTC', '2026-11-21T12:00:00.000Z'],
    ['2026-11-21T12:00:00Z', '2026-11-21T12:00:00.000Z'],
    ['2026-11-21T12:00:00.123456Z', '2026-11-21T12:00:00.123Z'],
    ['2026-11-21T13:00:00+01:00', '2026-11-21T12:00:00.000Z'],
    ['2026-11-21T13:00:00+0100', '2026-11-21T12:00:00.000Z'],
    ['2026-11-21 12:00:00+00:00', '2026-11-21T12:00:00.000Z'],
    ['2026-11-21T12:00:00', undefined],
    ['not a date', undefined],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    // Impossible dates and times: JavaScript's Date would roll them over into the next month/day.
    ['2099-02-30T00:00:00UTC', undefined],
    ['2027-02-29T00:00:00Z', undefined],
    ['2026-04-31T00:00:00Z', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['2026-00-10T00:00:00Z', undefined],
    ['2026-11-00T00:00:00Z', undefined],
    ['2026-11-21T24:00:00Z', undefined],
    ['2026-11-21T12:60:00Z', undefined],
    ['2026-11-21T12:00:60Z', undefined],
  ];
  for (const [text, iso] of table) assert.equal(parseCacheTimestamp(text)?.toISOString(), iso, text);
  assert.equal(parseCacheTimestamp(42), undefined);
  assert.equal(formatBotocoreExpiration(new Date('2026-01-02T03:04:05.999Z')), '2026-01-02T03:04:05UTC');
});

test('refresh window: default 900 s, AWSCTL_CACHE_REFRESH_WINDOW overrides, junk ignored', () => {
  assert.equal(refreshWindowSeconds({}), 900);
  assert.equal(refreshWindowSeconds({ AWSCTL_CACHE_REFRESH_WINDOW: '60' }), 60);
  assert.equal(refreshWindowSeconds({ AWSCTL_CACHE_REFRESH_WINDOW: '0' }), 0);
  for (const junk of ['', 'abc', '-5', '1.5']) assert.equal(refreshWindowSeconds({ AWSCTL_CACHE_REFRESH_WINDOW: junk }), 900, junk);
  const creds = { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: new Date('2026-01-01T00:15:00Z') };
  assert.equal(isFresh(creds, new Date('2026-01-01T00:00:00Z'), 900), true);
  assert.equal(isFresh(creds, new Date('2026-01-01T00:00:01Z'), 900), false);
  assert.equal(isFresh(creds, new Date('2026-01-01T00:14:59Z'), 0), true);
  assert.equal(isFresh(creds, new Date('2026-01-01T00:15:01Z'), 0), false);
});

test('readFreshCredentials: a hit only when outside the window', () => {
  const home = tempDir();
  const path = cliCachePath(home, 'w');
  const credentials = { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: new Date('2026-01-01T01:00:00Z') };
  writeCredentialCache(nodeFs, path, stsCacheEntry({ credentials }));
  assert.deepEqual(readFreshCredentials(nodeFs, path, new Date('2026-01-01T00:00:00Z'), 900), credentials);
  assert.equal(readFreshCredentials(nodeFs, path, new Date('2026-01-01T00:50:00Z'), 900), undefined);
  assert.equal(readFreshCredentials(nodeFs, cliCachePath(home, 'none'), new Date(0), 900), undefined);
});
