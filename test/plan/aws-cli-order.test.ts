// Issue 14 items 1, 2, 13 and 12: the source botocore (the AWS CLI) picks, in the planner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planCredentials, planDefaultChain } from '../../src/plan/planner.ts';
import { normalizeText } from '../../src/profile/normalize.ts';
import { getValue } from '../../src/profile/model.ts';
import { PlanError } from '../../src/plan/plan-error.ts';

const paths = { config: '/h/.aws/config', credentials: '/h/.aws/credentials' };
const files = (config: string, credentials = '') => normalizeText(config, credentials, paths);
const NO_IMDS = { AWS_EC2_METADATA_DISABLED: 'true' };

test('item 1: keys in the credentials file beat credential_process in the config file; config-file keys lose to it', () => {
  const credsWin = planCredentials({
    env: NO_IMDS,
    profiles: files('[profile p]\ncredential_process = /bin/creds\n', '[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = s\n'),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.equal(credsWin.base.kind, 'static');
  assert.equal(credsWin.base.kind === 'static' && credsWin.base.keys.accessKeyId, 'AKIACREDS');
  const processWins = planCredentials({
    env: NO_IMDS,
    profiles: files('[profile p]\ncredential_process = /bin/creds\naws_access_key_id = AKIACONFIG\naws_secret_access_key = s\n'),
    profileName: 'p',
    profileFromFlag: true,
  });
  assert.equal(processWins.base.kind, 'credential-process');
  // Same key in both files: the credentials file's value; the config one is still there for its provider.
  const both = files('[profile p]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = cs\n', '[p]\naws_secret_access_key = only-secret\n');
  const plan = planCredentials({ env: NO_IMDS, profiles: both, profileName: 'p', profileFromFlag: true });
  assert.deepEqual(plan.base.kind === 'static' && plan.base.keys, { accessKeyId: 'AKIACONFIG', secretAccessKey: 'cs' });
  // SSO (account + role) beats static keys anywhere, as botocore's SSO provider comes first.
  const sso = files(
    '[profile p]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = R\n',
    '[p]\naws_access_key_id = AKIACREDS\naws_secret_access_key = s\n',
  );
  assert.equal(planCredentials({ env: NO_IMDS, profiles: sso, profileName: 'p', profileFromFlag: true }).base.kind, 'sso');
});

test('item 1: an access key id in the credentials file without its secret there is a partial-keys error', () => {
  const set = files('[profile p]\naws_secret_access_key = cs\n', '[p]\naws_access_key_id = AKIACREDS\n');
  assert.throws(
    () => planCredentials({ env: NO_IMDS, profiles: set, profileName: 'p', profileFromFlag: true }),
    (e: unknown) => e instanceof PlanError && e.code === 'partial-keys',
  );
});

const WEB = { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/pod', ...NO_IMDS };

test('item 2: web identity from the environment beats [default] static keys (EKS/IRSA), and AWS_PROFILE does not stop it', () => {
  const set = files('', '[default]\naws_access_key_id = AKIASTRAY\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n');
  const plan = planCredentials({ env: WEB, profiles: set });
  assert.equal(plan.step, 'web-identity-env');
  assert.equal(plan.base.kind === 'web-identity' && plan.base.roleArn, 'arn:aws:iam::1:role/pod');
  // botocore reads AWS_PROFILE as the profile name only; its web identity provider still reads the env.
  assert.equal(planCredentials({ env: { ...WEB, AWS_PROFILE: 'dev' }, profiles: set }).step, 'web-identity-env');
});

test('item 2: --profile wins over web identity from the environment, and so does a profile that assumes a role', () => {
  const set = files('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = dev\n', '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n');
  const flag = planCredentials({ env: WEB, profiles: set, profileName: 'dev', profileFromFlag: true });
  assert.equal(flag.step, 'profile');
  assert.equal(flag.base.kind === 'static' && flag.base.keys.accessKeyId, 'AKIADEV');
  const role = planCredentials({ env: { ...WEB, AWS_PROFILE: 'r' }, profiles: set });
  assert.equal(role.step, 'profile');
  assert.equal(role.hops.length, 1);
});

test('item 2: AWS_WEB_IDENTITY_TOKEN_FILE with no role ARN anywhere stops the chain (botocore InvalidConfigError)', () => {
  const plan = planDefaultChain({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...NO_IMDS }, profiles: files('') });
  assert.equal(plan.steps.find((s) => s.step === 'web-identity-env')?.status, 'broken');
});

test('item 13: credential_source without role_arn is not a source (botocore finds no credentials)', () => {
  const set = files('[profile x]\ncredential_source = Environment\n');
  const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's', ...NO_IMDS };
  assert.throws(
    () => planCredentials({ env, profiles: set, profileName: 'x', profileFromFlag: true }),
    (e: unknown) => e instanceof PlanError && e.code === 'no-credentials',
  );
  const withRole = files('[profile x]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Environment\n');
  assert.equal(planCredentials({ env, profiles: withRole, profileName: 'x', profileFromFlag: true }).base.kind, 'credential-source');
});

test('item 12: an indented comment is a comment, after a value, after a header and inside an s3 block', () => {
  const set = files('[default]\n  # header note\nregion = us-east-1\n  # old: eu-west-1\ns3 =\n  # a note\n  addressing_style = path\noutput = json\n');
  const section = set.profiles.default;
  assert.equal(getValue(section, 'region'), 'us-east-1');
  assert.deepEqual({ ...section?.properties.s3?.subProperties }, { addressing_style: 'path' });
  assert.equal(getValue(section, 'output'), 'json');
});
