import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assumeRoleCacheArgs, explain, redactAccessKeyId, ssoTokenCacheFile } from '../../src/plan/explain.ts';
import { planDefaultChain } from '../../src/plan/planner.ts';
import { profileSet } from './profile-set.ts';

const SECRETS = ['wJalrXUtnFEMI-SECRET-VALUE', 'SESSION-TOKEN-VALUE-123', 'CONTAINER-AUTH-TOKEN', '--password=hunter2'];
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

function assertNoSecrets(text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `leaked ${secret}`);
  assert.ok(!text.includes(ACCESS_KEY), 'leaked the full access key id');
}

test('explain never shows secrets: env keys, profile keys, container token, process arguments', () => {
  const env = {
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: SECRETS[0]!,
    AWS_SESSION_TOKEN: SECRETS[1]!,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: SECRETS[2]!,
  };
  const profiles = profileSet({
    profiles: {
      default: { aws_access_key_id: ACCESS_KEY, aws_secret_access_key: SECRETS[0]!, aws_session_token: SECRETS[1]! },
      proc: { credential_process: `helper ${SECRETS[3]}` },
    },
  });
  for (const input of [
    { env, profiles },
    { env, profiles, profileName: 'default', profileFromFlag: true },
    { env, profiles, profileName: 'proc', profileFromFlag: true },
  ]) {
    const { lines, json } = explain(planDefaultChain(input));
    assertNoSecrets(lines.join('\n'));
    assertNoSecrets(JSON.stringify(json));
  }
  const { json, lines } = explain(planDefaultChain({ env, profiles }));
  assert.equal(json.steps[0]?.base?.accessKeyId, '****MPLE');
  assert.equal(json.steps[0]?.base?.sessionToken, 'set');
  assert.ok(lines.some((l) => l.includes('****MPLE')));
});

test('explain JSON: version, outcome, skipped reasons, reached flags', () => {
  const plan = planDefaultChain({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c' }, profiles: profileSet() });
  const { json, lines } = explain(plan);
  assert.equal(json.version, 1);
  assert.deepEqual(json.outcome, { step: 'container' });
  assert.deepEqual(
    json.steps.map((s) => [s.step, s.status, s.reached]),
    [
      ['environment', 'skip', true],
      ['web-identity-env', 'skip', true],
      ['profile', 'skip', true],
      ['container', 'try', true],
      ['imds', 'try', false],
    ],
  );
  assert.match(json.steps[0]?.reason ?? '', /AWS_ACCESS_KEY_ID/);
  assert.equal(json.steps[3]?.base?.uri, 'http://169.254.170.2/c');
  assert.ok(lines.some((l) => /5\. imds: not reached/.test(l)));
});

test('explain shows each hop with its settings and the AWS CLI cache entry', () => {
  const profiles = profileSet({
    profiles: {
      A: { role_arn: 'arn:aws:iam::1:role/A', source_profile: 'B', mfa_serial: 'arn:aws:iam::1:mfa/me', duration_seconds: '900' },
      B: { aws_access_key_id: ACCESS_KEY, aws_secret_access_key: SECRETS[0]! },
    },
  });
  const seen: Record<string, unknown>[] = [];
  const { json, lines } = explain(planDefaultChain({ env: { AWS_PROFILE: 'A' }, profiles }), {
    assumeRoleCacheKey: (args) => {
      seen.push(args);
      return 'abc123';
    },
  });
  assert.deepEqual(seen, [{ RoleArn: 'arn:aws:iam::1:role/A', SerialNumber: 'arn:aws:iam::1:mfa/me', DurationSeconds: 900 }]);
  const hop = json.steps[1]?.hops?.[0];
  assert.equal(hop?.mfaSerial, 'arn:aws:iam::1:mfa/me');
  assert.deepEqual((hop?.cache as { file: string } | undefined)?.file, '~/.aws/cli/cache/abc123.json');
  assert.ok(lines.some((l) => l.includes('hop 1: assume arn:aws:iam::1:role/A')));
  assert.ok(lines.some((l) => l.includes('~/.aws/cli/cache/abc123.json')));
});

test('explain of a broken profile shows the error as the outcome', () => {
  const profiles = profileSet({ profiles: { A: { role_arn: 'arn:r', source_profile: 'B' }, B: { role_arn: 'arn:r2', source_profile: 'A' } } });
  const { json, lines } = explain(planDefaultChain({ env: { AWS_PROFILE: 'A' }, profiles }));
  assert.ok('error' in json.outcome && json.outcome.error.code === 'credential-loop');
  assert.ok(lines.some((l) => l.includes('A -> B -> A')));
  assert.equal(json.steps[2]?.reached, false);
});

test('sso token cache file names follow the AWS CLI', () => {
  assert.equal(ssoTokenCacheFile({ ssoSession: 'dev', startUrl: 'x' }), '~/.aws/sso/cache/34c6fceca75e456f25e7e99531e2425c6c1de443.json');
  assert.equal(ssoTokenCacheFile({ startUrl: 'https://ssotest.awsapps.com/start' }), '~/.aws/sso/cache/dace00cba5f8355ec9d274ceb2bcebdfbeed0e12.json');
});

test('helpers', () => {
  assert.equal(redactAccessKeyId('AB'), '****');
  assert.deepEqual(assumeRoleCacheArgs({ roleArn: 'r', profile: 'p', roleSessionName: 's', externalId: 'e' }), {
    RoleArn: 'r',
    RoleSessionName: 's',
    ExternalId: 'e',
  });
});
