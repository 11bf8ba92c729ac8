import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCredentials, planDefaultChain, selectProfile } from '../../src/plan/planner.ts';
import { PlanError } from '../../src/plan/plan-error.ts';
import type { PlanErrorCode } from '../../src/plan/plan-error.ts';
import type { ChainStepName } from '../../src/plan/types.ts';
import { profileSet } from './profile-set.ts';

const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAENVENVENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };
const PROFILE_KEYS = { aws_access_key_id: 'AKIAPROFILEKEY', aws_secret_access_key: 'profile-secret' };
const WEB_ENV = { AWS_ROLE_ARN: 'arn:aws:iam::1:role/web', AWS_WEB_IDENTITY_TOKEN_FILE: '/token.jwt' };
const RELATIVE = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' };
const ROLE = 'arn:aws:iam::1:role/R';

interface PlanCase {
  name: string;
  env: Record<string, string>;
  profiles?: Record<string, Record<string, string>>;
  flag?: string;
  step?: ChainStepName;
  baseKind?: string;
  error?: PlanErrorCode;
}

const cases: PlanCase[] = [
  { name: 'env keys win over the default profile', env: ENV_KEYS, profiles: { default: PROFILE_KEYS }, step: 'environment', baseKind: 'environment' },
  { name: 'env keys win over AWS_PROFILE (AWS CLI and SDK order)', env: { ...ENV_KEYS, AWS_PROFILE: 'p' }, profiles: { p: PROFILE_KEYS }, step: 'environment' },
  {
    name: '--profile beats env keys (AWS CLI drops the env provider)',
    env: ENV_KEYS,
    profiles: { p: PROFILE_KEYS },
    flag: 'p',
    step: 'profile',
    baseKind: 'static',
  },
  {
    name: 'blank env keys are unset',
    env: { AWS_ACCESS_KEY_ID: ' ', AWS_SECRET_ACCESS_KEY: ' ', AWS_PROFILE: 'p' },
    profiles: { p: PROFILE_KEYS },
    step: 'profile',
  },
  { name: 'access key without secret is broken', env: { AWS_ACCESS_KEY_ID: 'AKIAONLY' }, profiles: { default: PROFILE_KEYS }, error: 'partial-env-keys' },
  { name: 'a lone session token is ignored', env: { AWS_SESSION_TOKEN: 'stale' }, profiles: { default: PROFILE_KEYS }, step: 'profile' },
  {
    name: 'missing implicit default falls through to the container',
    env: RELATIVE,
    profiles: { notdefault: PROFILE_KEYS },
    step: 'container',
    baseKind: 'container',
  },
  { name: 'missing AWS_PROFILE profile is an error', env: { ...RELATIVE, AWS_PROFILE: 'nope' }, profiles: { other: PROFILE_KEYS }, error: 'profile-not-found' },
  { name: 'missing --profile is an error even with no files', env: RELATIVE, profiles: {}, flag: 'nope', error: 'profile-not-found' },
  { name: 'config-only profile falls through to IMDS', env: {}, profiles: { default: { max_attempts: '1' } }, step: 'imds', baseKind: 'imds' },
  {
    name: 'profile claims and fails: web identity env not tried',
    env: { ...WEB_ENV, AWS_PROFILE: 'A' },
    profiles: { A: { role_arn: ROLE, credential_source: 'Environment' } },
    error: 'credential-source-unavailable',
  },
  { name: 'web identity from env when no profile', env: WEB_ENV, profiles: {}, step: 'web-identity-env', baseKind: 'web-identity' },
  { name: 'only AWS_ROLE_ARN is not web identity', env: { AWS_ROLE_ARN: 'arn:x', ...RELATIVE }, profiles: {}, step: 'container' },
  {
    name: 'profile web identity does not use AWS_ROLE_ARN',
    env: { AWS_ROLE_ARN: 'arn:x', AWS_PROFILE: 'A' },
    profiles: { A: { role_arn: ROLE, source_profile: 'B' }, B: { web_identity_token_file: '/t' } },
    error: 'web-identity-without-role',
  },
  { name: 'IMDS disabled and nothing else', env: { AWS_EC2_METADATA_DISABLED: 'TRUE' }, profiles: {}, error: 'no-credentials' },
  {
    name: 'credential_source Ec2InstanceMetadata with IMDS disabled',
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    profiles: { default: { role_arn: ROLE, credential_source: 'Ec2InstanceMetadata' } },
    error: 'credential-source-unavailable',
  },
  {
    name: 'credential_source with an unknown name',
    env: {},
    profiles: { default: { role_arn: ROLE, credential_source: 'ec2instancemetadata' } },
    error: 'invalid-credential-source',
  },
  {
    name: 'credential_source EcsContainer resolved',
    env: RELATIVE,
    profiles: { default: { role_arn: ROLE, credential_source: 'EcsContainer' } },
    step: 'profile',
    baseKind: 'credential-source',
  },
  { name: 'sso_session naming a missing section', env: {}, profiles: { default: { sso_session: 's' } }, error: 'sso-session-not-found' },
  {
    name: 'a broken container URI after a working profile is not reached',
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://evil.example/' },
    profiles: { default: PROFILE_KEYS },
    step: 'profile',
  },
  {
    name: 'a broken container URI when it is reached stops the chain',
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://8.8.8.8/' },
    profiles: {},
    error: 'invalid-container-uri',
  },
];

for (const c of cases) {
  test(`plan: ${c.name}`, () => {
    const input = { env: c.env, profiles: profileSet({ profiles: c.profiles ?? {} }), profileName: c.flag, profileFromFlag: c.flag !== undefined };
    if (c.error) {
      assert.throws(
        () => planCredentials(input),
        (error: unknown) => error instanceof PlanError && error.code === c.error,
      );
      return;
    }
    const plan = planCredentials(input);
    assert.equal(plan.step, c.step);
    if (c.baseKind) assert.equal(plan.base.kind, c.baseKind);
    assert.equal(plan.steps[plan.stepIndex]?.step, plan.step);
  });
}

test('sso token-only profile (session exists) is passed by with the reason, as botocore does (its SSO provider is not claimed)', () => {
  const profiles = profileSet({ profiles: { default: { sso_session: 's' } }, ssoSessions: { s: { sso_start_url: 'https://x', sso_region: 'eu-west-1' } } });
  const plan = planDefaultChain({ env: { AWS_EC2_METADATA_DISABLED: 'true' }, profiles });
  const step = plan.steps.find((s) => s.step === 'profile');
  assert.ok(step?.status === 'skip' && step.code === 'sso-token-only', JSON.stringify(step));
  assert.throws(
    () => planCredentials({ env: { AWS_EC2_METADATA_DISABLED: 'true' }, profiles }),
    (error: unknown) => error instanceof PlanError && error.code === 'no-credentials',
  );
});

test('the plan records every step of the default chain in order', () => {
  const plan = planDefaultChain({ env: { ...RELATIVE, AWS_EC2_METADATA_DISABLED: 'true' }, profiles: profileSet() });
  assert.deepEqual(
    plan.steps.map((s) => [s.step, s.status]),
    [
      ['environment', 'skip'],
      ['web-identity-env', 'skip'],
      ['profile', 'skip'],
      ['container', 'try'],
      ['imds', 'skip'],
    ],
  );
  assert.equal(plan.version, 1);
});

test('credential_source = Environment carries the env keys', () => {
  const plan = planCredentials({
    env: { ...ENV_KEYS, AWS_SESSION_TOKEN: 'tok' },
    profiles: profileSet({ profiles: { p: { role_arn: ROLE, credential_source: 'Environment' } } }),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.equal(plan.base.kind, 'credential-source');
  assert.ok(plan.base.kind === 'credential-source' && plan.base.source === 'Environment');
  assert.deepEqual(plan.base.keys, { accessKeyId: 'AKIAENVENVENV', secretAccessKey: 'env-secret', sessionToken: 'tok' });
  assert.deepEqual(
    plan.hops.map((h) => h.profile),
    ['p'],
  );
});

test('the IMDS step reads the selected profile settings', () => {
  const plan = planCredentials({
    env: { AWS_PROFILE: 'p' },
    profiles: profileSet({ profiles: { p: { ec2_metadata_service_endpoint_mode: 'IPv6', metadata_service_num_attempts: '3' } } }),
  });
  assert.ok(plan.base.kind === 'imds');
  assert.equal(plan.base.imds.endpoint, 'http://[fd00:ec2::254]');
  assert.equal(plan.base.imds.attempts, 3);
});

test('environment expiration and account id are carried', () => {
  const plan = planCredentials({ env: { ...ENV_KEYS, AWS_ACCOUNT_ID: '123', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z' }, profiles: profileSet() });
  assert.ok(plan.base.kind === 'environment');
  assert.equal(plan.base.keys.accountId, '123');
  assert.equal(plan.base.expiration, '2030-01-01T00:00:00Z');
});

test('selectProfile order: flag, AWS_PROFILE, AWS_DEFAULT_PROFILE, default; values as written (AWS CLI v2)', () => {
  assert.deepEqual(selectProfile('f', { AWS_PROFILE: 'e' }), { name: 'f', origin: 'flag' });
  assert.deepEqual(selectProfile(undefined, { AWS_PROFILE: 'e', AWS_DEFAULT_PROFILE: 'd' }), { name: 'e', origin: 'AWS_PROFILE' });
  assert.deepEqual(selectProfile(undefined, { AWS_PROFILE: '  ', AWS_DEFAULT_PROFILE: 'd' }), { name: '  ', origin: 'AWS_PROFILE' });
  assert.deepEqual(selectProfile(undefined, { AWS_PROFILE: ' dev ' }), { name: ' dev ', origin: 'AWS_PROFILE' });
  assert.deepEqual(selectProfile(undefined, { AWS_DEFAULT_PROFILE: 'd' }), { name: 'd', origin: 'AWS_DEFAULT_PROFILE' });
});

test('--profile default that does not exist is an error, not a fall-through', () => {
  assert.throws(
    () => planCredentials({ env: RELATIVE, profiles: profileSet({ profiles: { x: PROFILE_KEYS } }), profileName: 'default', profileFromFlag: true }),
    (error: unknown) => error instanceof PlanError && error.code === 'profile-not-found',
  );
});
