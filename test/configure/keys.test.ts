// What each configure key form addresses (table), and which settings are secrets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { belongsInCredentialsFile, parseSettingKey } from '../../src/profile/settings-keys.ts';

const table: Array<[string, object]> = [
  ['region', { type: 'profile', name: 'sel', key: 'region', explicitSection: false }],
  ['s3.max_concurrent_requests', { type: 'profile', name: 'sel', key: 's3', subKey: 'max_concurrent_requests', explicitSection: false }],
  ['default.region', { type: 'profile', name: 'default', key: 'region', explicitSection: true }],
  ['default.s3.addressing_style', { type: 'profile', name: 'default', key: 's3', subKey: 'addressing_style', explicitSection: true }],
  ['profile.dev.region', { type: 'profile', name: 'dev', key: 'region', explicitSection: true }],
  ['profile.dev.s3.use_accelerate_endpoint', { type: 'profile', name: 'dev', key: 's3', subKey: 'use_accelerate_endpoint', explicitSection: true }],
  ['sso-session.corp.sso_region', { type: 'sso-session', name: 'corp', key: 'sso_region', explicitSection: true }],
  ['sso-session.my.org.sso_region', { type: 'sso-session', name: 'my.org', key: 'sso_region', explicitSection: true }],
  ['services.local.sts.endpoint_url', { type: 'services', name: 'local', key: 'sts', subKey: 'endpoint_url', explicitSection: true }],
  ['services.a.b.sts.endpoint_url', { type: 'services', name: 'a.b', key: 'sts', subKey: 'endpoint_url', explicitSection: true }],
];

for (const [key, expected] of table) {
  test(`parseSettingKey('${key}')`, () => assert.deepEqual(parseSettingKey(key, 'sel'), expected));
}

for (const bad of ['', 'a..b', '.region', 'region.', 'a.b.c', 'sso-session.x', 'services.x.sts', 'profile.x', 'profile.a.b.c.d', 'default.a.b.c', 'a\nb']) {
  test(`parseSettingKey rejects ${JSON.stringify(bad)} as a usage error`, () => {
    assert.throws(
      () => parseSettingKey(bad, 'sel'),
      (error: { exitCode?: number }) => error.exitCode === 2,
    );
  });
}

test('the three key settings of a profile go to the credentials file, in any case; nothing else does', () => {
  for (const key of ['aws_access_key_id', 'AWS_SECRET_ACCESS_KEY', 'aws_session_token', 'profile.x.aws_access_key_id']) {
    assert.equal(belongsInCredentialsFile(parseSettingKey(key, 'p')), true, key);
  }
  for (const key of ['region', 'aws_account_id', 'sso-session.s.aws_access_key_id', 'aws_access_key_id.sub', 'services.s.sts.aws_session_token']) {
    assert.equal(belongsInCredentialsFile(parseSettingKey(key, 'p')), false, key);
  }
});
