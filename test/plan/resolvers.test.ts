import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackAddress, parseContainerEndpoint, resolveContainerEndpoint } from '../../src/plan/container-endpoint.ts';
import { resolveImdsSettings } from '../../src/plan/imds-endpoint.ts';
import { resolveRegion } from '../../src/plan/region.ts';
import { resolveConfiguredEndpoint } from '../../src/plan/configured-endpoints.ts';
import { resolveSsoOidcEndpoint, resolveSsoPortalEndpoint, resolveStsEndpoint } from '../../src/plan/aws-endpoints.ts';
import { resolveRetrySettings } from '../../src/plan/retry.ts';
import { PlanError } from '../../src/plan/plan-error.ts';
import { profileSet } from './profile-set.ts';

const section = (values: Record<string, string>) => profileSet({ profiles: { p: values } }).profiles.p;
const isPlanErr = (code: string) => (error: unknown) => error instanceof PlanError && error.code === code;

test('container: relative wins and keeps the query', () => {
  const r = parseContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c?a=1', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'https://x/' });
  assert.ok(r.status === 'ok');
  assert.equal(r.endpoint.uri, 'http://169.254.170.2/c?a=1');
});

for (const [uri, ok] of [
  ['http://127.0.0.1:9/c', true],
  ['http://127.9.8.7/c', true],
  ['http://[::1]/c', true],
  ['http://169.254.170.23/v1', true],
  ['http://[fd00:ec2::23]/v1', true],
  ['https://anything.example/c', true],
  ['http://10.0.0.1/c', false],
  ['ftp://127.0.0.1/c', false],
  ['/credentials', false],
] as const) {
  test(`container: full URI ${uri} ${ok ? 'allowed' : 'refused'}`, () => {
    const run = () => parseContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: uri });
    if (ok) assert.equal(run().status, 'ok');
    else assert.throws(run, isPlanErr('invalid-container-uri'));
  });
}

test('container: http host names need a loopback lookup', async () => {
  const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://agent.local:80/c' };
  const parsed = parseContainerEndpoint(env);
  assert.ok(parsed.status === 'ok' && parsed.endpoint.hostNeedingLoopbackCheck === 'agent.local');
  const ok = await resolveContainerEndpoint(env, async () => ['127.0.0.1', '::1']);
  assert.ok(ok.status === 'ok' && ok.endpoint.hostNeedingLoopbackCheck === undefined);
  await assert.rejects(
    resolveContainerEndpoint(env, async () => ['127.0.0.1', '10.1.1.1']),
    isPlanErr('invalid-container-uri'),
  );
  await assert.rejects(
    resolveContainerEndpoint(env, async () => {
      throw new Error('ENOTFOUND');
    }),
    isPlanErr('invalid-container-uri'),
  );
});

test('container: the token file wins over the token; blank is unset', () => {
  const r = parseContainerEndpoint({
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 't',
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/f',
  });
  assert.ok(r.status === 'ok' && r.endpoint.authorizationTokenFile === '/f' && r.endpoint.authorizationToken === undefined);
  assert.equal(parseContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: ' ' }).status, 'not-configured');
});

test('loopback detection', () => {
  assert.equal(isLoopbackAddress('127.0.0.1'), true);
  assert.equal(isLoopbackAddress('128.0.0.1'), false);
  assert.equal(isLoopbackAddress('::ffff:127.0.0.1'), true);
  assert.equal(isLoopbackAddress('::2'), false);
});

test('imds: defaults, precedence, timeouts', () => {
  const d = resolveImdsSettings({ env: {} });
  assert.deepEqual([d.endpoint, d.mode, d.timeoutMs, d.attempts, d.disabled], ['http://169.254.169.254', 'IPv4', 1000, 1, false]);
  const env = resolveImdsSettings({
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://e:1/', AWS_METADATA_SERVICE_TIMEOUT: '2.5' },
    profile: section({ ec2_metadata_service_endpoint: 'http://p:1', metadata_service_num_attempts: '4' }),
  });
  assert.deepEqual(
    [env.tokenUrl, env.endpointSource, env.timeoutMs, env.attempts],
    ['http://e:1/latest/api/token', 'AWS_EC2_METADATA_SERVICE_ENDPOINT', 2500, 4],
  );
  assert.equal(resolveImdsSettings({ env: { AWS_EC2_METADATA_DISABLED: 'True' } }).disabled, true);
  assert.throws(() => resolveImdsSettings({ env: { AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' } }), isPlanErr('invalid-imds-config'));
  assert.throws(() => resolveImdsSettings({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv5' } }), isPlanErr('invalid-imds-config'));
});

test('region: flag, AWS_REGION, AWS_DEFAULT_REGION, profile, then ask IMDS', () => {
  const profile = section({ region: 'eu-west-3' });
  assert.deepEqual(resolveRegion({ flag: 'f-1', env: { AWS_REGION: 'a' }, profile }), { region: 'f-1', source: 'flag' });
  assert.deepEqual(resolveRegion({ env: { AWS_REGION: 'a', AWS_DEFAULT_REGION: 'b' }, profile }), { region: 'a', source: 'AWS_REGION' });
  assert.deepEqual(resolveRegion({ env: { AWS_REGION: ' ', AWS_DEFAULT_REGION: 'b' }, profile }), { region: 'b', source: 'AWS_DEFAULT_REGION' });
  assert.deepEqual(resolveRegion({ env: {}, profile }), { region: 'eu-west-3', source: 'profile' });
  assert.deepEqual(resolveRegion({ env: {} }), { region: undefined, next: 'imds' });
});

test('configured endpoints: SSO OIDC uses the _SSO_OIDC variable and sso_oidc services key', () => {
  const set = profileSet({
    profiles: { p: { services: 'dev', endpoint_url: 'http://global' } },
    services: { dev: { sso_oidc: { endpoint_url: 'http://oidc' } } },
  });
  const profile = set.profiles.p;
  assert.equal(resolveConfiguredEndpoint({ serviceId: 'SSO OIDC', env: {}, profile, services: set.services }).url, 'http://oidc');
  assert.equal(
    resolveConfiguredEndpoint({ serviceId: 'SSO OIDC', env: { AWS_ENDPOINT_URL_SSO_OIDC: 'http://env' }, profile, services: set.services }).url,
    'http://env',
  );
  assert.equal(resolveConfiguredEndpoint({ serviceId: 'STS', env: {}, profile, services: set.services }).url, 'http://global');
  assert.deepEqual(resolveConfiguredEndpoint({ serviceId: 'STS', env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE' }, profile, services: set.services }), {
    url: undefined,
    ignored: true,
  });
});

test('sts endpoints: regional by default, legacy global, fips and dual-stack, configured', () => {
  assert.equal(resolveStsEndpoint('eu-west-1', { env: {} }).url, 'https://sts.eu-west-1.amazonaws.com');
  assert.deepEqual(resolveStsEndpoint('eu-west-1', { env: { AWS_STS_REGIONAL_ENDPOINTS: 'legacy' } }), {
    url: 'https://sts.amazonaws.com',
    signingRegion: 'us-east-1',
    source: 'default',
  });
  assert.equal(
    resolveStsEndpoint('af-south-1', { env: {}, profile: section({ sts_regional_endpoints: 'legacy' }) }).url,
    'https://sts.af-south-1.amazonaws.com',
  );
  assert.equal(
    resolveStsEndpoint('us-east-1', { env: { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' } }).url,
    'https://sts-fips.us-east-1.api.aws',
  );
  assert.equal(resolveStsEndpoint('cn-north-1', { env: {} }).url, 'https://sts.cn-north-1.amazonaws.com.cn');
  assert.deepEqual(resolveStsEndpoint('us-east-2', { env: { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' } }), {
    url: 'http://127.0.0.1:9',
    signingRegion: 'us-east-2',
    source: 'env-service',
  });
  assert.throws(() => resolveStsEndpoint('us-east-2', { env: { AWS_STS_REGIONAL_ENDPOINTS: 'global' } }), isPlanErr('invalid-setting'));
});

test('sso endpoints use the sso region', () => {
  assert.equal(resolveSsoPortalEndpoint('eu-central-1', { env: {} }).url, 'https://portal.sso.eu-central-1.amazonaws.com');
  assert.equal(resolveSsoOidcEndpoint('eu-central-1', { env: {} }).url, 'https://oidc.eu-central-1.amazonaws.com');
  assert.equal(
    resolveSsoPortalEndpoint('us-east-2', { env: { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' } }).url,
    'https://portal.sso-fips.us-east-2.api.aws',
  );
  assert.equal(resolveSsoPortalEndpoint('us-east-2', { env: { AWS_ENDPOINT_URL: 'http://g' } }).url, 'http://g');
});

test('retry settings', () => {
  assert.deepEqual(resolveRetrySettings({ env: {} }), { mode: 'standard', maxAttempts: 3, maxAttemptsSource: 'default', modeSource: 'default' });
  assert.equal(resolveRetrySettings({ env: { AWS_RETRY_MODE: 'legacy' } }).maxAttempts, 5);
  assert.equal(resolveRetrySettings({ env: { AWS_MAX_ATTEMPTS: '7' }, profile: section({ max_attempts: '2' }) }).maxAttempts, 7);
  assert.equal(resolveRetrySettings({ env: {}, profile: section({ max_attempts: '2', retry_mode: 'Adaptive' }) }).mode, 'adaptive');
  assert.throws(() => resolveRetrySettings({ env: { AWS_MAX_ATTEMPTS: 'x' } }), isPlanErr('invalid-setting'));
  assert.throws(() => resolveRetrySettings({ env: { AWS_RETRY_MODE: 'fast' } }), isPlanErr('invalid-setting'));
});
