import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromProcess } from '@aws-sdk/credential-providers';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatProcessJson } from '../../src/output/process-json.ts';
import { formatRfc3339Utc } from '../../src/output/rfc3339.ts';
import { parseCredentialProcessOutput } from '../../src/resolve/credential-process-output.ts';

test('temporary credentials: documented key order, Expiration RFC 3339 UTC in whole seconds, one line', () => {
  const text = formatProcessJson({
    accessKeyId: 'ASIAX',
    secretAccessKey: 's"e\\c',
    sessionToken: 'tok',
    expiration: new Date('2026-11-21T12:00:00.500Z'),
    accountId: '123456789012',
  });
  assert.equal(
    text,
    '{"Version":1,"AccessKeyId":"ASIAX","SecretAccessKey":"s\\"e\\\\c","SessionToken":"tok","Expiration":"2026-11-21T12:00:00Z","AccountId":"123456789012"}\n',
  );
});

test('long-term keys: no SessionToken, no Expiration, no AccountId when unknown', () => {
  const parsed = JSON.parse(formatProcessJson({ accessKeyId: 'AKIAX', secretAccessKey: 'secret' }));
  assert.deepEqual(Object.keys(parsed), ['Version', 'AccessKeyId', 'SecretAccessKey']);
});

test('formatRfc3339Utc rounds down to the second and refuses what RFC 3339 cannot say', () => {
  assert.equal(formatRfc3339Utc(new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 999))), '2030-01-02T03:04:05Z');
  assert.throws(() => formatRfc3339Utc(new Date(Number.NaN)));
  assert.throws(() => formatRfc3339Utc(new Date(Date.UTC(10000, 0, 1))));
});

test("awsctl's own reader reads back what the formatter prints", () => {
  const credentials = {
    accessKeyId: 'ASIAX',
    secretAccessKey: 'k',
    sessionToken: 't',
    expiration: new Date('2027-01-01T00:00:00Z'),
    accountId: '111122223333',
  };
  assert.deepEqual(parseCredentialProcessOutput(formatProcessJson(credentials), 'p'), credentials);
});

test('the AWS SDK for JavaScript v3 reads the output as credentials (a real consumer)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'awsctl-process-json-'));
  try {
    const expiration = new Date(Date.now() + 3600_000);
    const json = formatProcessJson({ accessKeyId: 'ASIASDK', secretAccessKey: 'sdk-secret', sessionToken: 'sdk-token', expiration });
    const helper = join(dir, 'helper.sh');
    writeFileSync(join(dir, 'out.json'), json);
    writeFileSync(helper, `#!/bin/sh\ncat '${join(dir, 'out.json')}'\n`);
    chmodSync(helper, 0o755);
    writeFileSync(join(dir, 'config'), `[profile sdk]\ncredential_process = ${helper}\n`);
    const provider = fromProcess({ profile: 'sdk', filepath: join(dir, 'credentials-none'), configFilepath: join(dir, 'config') });
    const credentials = await provider();
    assert.equal(credentials.accessKeyId, 'ASIASDK');
    assert.equal(credentials.secretAccessKey, 'sdk-secret');
    assert.equal(credentials.sessionToken, 'sdk-token');
    assert.equal(credentials.expiration?.getTime(), Math.floor(expiration.getTime() / 1000) * 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
