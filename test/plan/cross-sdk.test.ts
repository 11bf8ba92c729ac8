// The rule of issue 14: explain says where another SDK would pick differently, from the planner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planDefaultChain } from '../../src/plan/planner.ts';
import { explain } from '../../src/plan/explain.ts';
import { normalizeText } from '../../src/profile/normalize.ts';

const files = (config: string, credentials = '') => normalizeText(config, credentials, { config: '/h/.aws/config', credentials: '/h/.aws/credentials' });
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: 'true' };
const sdks = (notes: { sdk: string }[]) => notes.map((n) => n.sdk).sort();

test('keys in the credentials file and credential_process in the config file: Rust would run the process', () => {
  const plan = planDefaultChain({
    env: NO_IMDS,
    profiles: files('[profile p]\ncredential_process = /bin/helper\n', '[p]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n'),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.deepEqual(sdks(plan.notes), ['Rust']);
  assert.equal(plan.notes[0]?.wouldUse, 'credential_process');
  const { json, lines } = explain(plan);
  assert.deepEqual(
    json.crossSdkNotes.map((n) => n.sdk),
    ['Rust'],
  );
  assert.ok(
    lines.some((l) => l.startsWith('note: the AWS SDK for Rust would use credential_process: ')),
    lines.join('\n'),
  );
});

test('keys in the config file beside credential_process: JavaScript v3 and Go v2 would use the keys', () => {
  const plan = planDefaultChain({
    env: NO_IMDS,
    profiles: files('[profile p]\ncredential_process = /bin/helper\naws_access_key_id = AKIAX\naws_secret_access_key = s\n'),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.deepEqual(sdks(plan.notes), ['Go v2', 'JavaScript v3']);
});

test('web identity from the environment over [default]: JavaScript v3 and Rust would use the profile', () => {
  const env = { ...NO_IMDS, AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/pod' };
  const plan = planDefaultChain({ env, profiles: files('', '[default]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n') });
  assert.deepEqual(sdks(plan.notes), ['JavaScript v3', 'Rust']);
});

test('environment keys under AWS_PROFILE: JavaScript v3 and Go v2 would use the profile', () => {
  const env = { ...NO_IMDS, AWS_PROFILE: 'p', AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' };
  const plan = planDefaultChain({ env, profiles: files('[profile p]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n') });
  assert.deepEqual(sdks(plan.notes), ['Go v2', 'JavaScript v3']);
});

test('a quoted name: Rust ignores it; everything agreeing gives no notes', () => {
  const quoted = planDefaultChain({
    env: NO_IMDS,
    profiles: files('[profile "my p"]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n'),
    profileName: 'my p',
    profileFromFlag: true,
  });
  assert.deepEqual(sdks(quoted.notes), ['Rust']);
  const plain = planDefaultChain({
    env: NO_IMDS,
    profiles: files('[profile p]\naws_access_key_id = AKIAX\naws_secret_access_key = s\n'),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.deepEqual(plain.notes, []);
  assert.deepEqual(explain(plain).json.crossSdkNotes, []);
});
