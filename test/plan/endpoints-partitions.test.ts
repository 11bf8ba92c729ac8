// Issue 14 item 6 (every partition) and issue 21 item 2 (a region is checked with botocore's
// rule before it becomes part of a host name; explicit endpoint_url overrides stay as written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSsoOidcEndpoint, resolveSsoPortalEndpoint, resolveStsEndpoint } from '../../src/plan/aws-endpoints.ts';
import { resolveRegion } from '../../src/plan/region.ts';
import { PlanError } from '../../src/plan/plan-error.ts';
import { planDefaultChain } from '../../src/plan/planner.ts';
import { profileSet } from './profile-set.ts';

const isPlanErr = (code: string) => (error: unknown) => error instanceof PlanError && error.code === code;

test('STS, SSO portal and SSO-OIDC endpoints in every partition', () => {
  const cases: [string, string, string, string][] = [
    ['eusc-de-east-1', 'https://sts.eusc-de-east-1.amazonaws.eu', 'https://portal.sso.eusc-de-east-1.amazonaws.eu', 'https://oidc.eusc-de-east-1.amazonaws.eu'],
    ['us-gov-west-1', 'https://sts.us-gov-west-1.amazonaws.com', 'https://portal.sso.us-gov-west-1.amazonaws.com', 'https://oidc.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', 'https://sts.us-iso-east-1.c2s.ic.gov', 'https://portal.sso.us-iso-east-1.c2s.ic.gov', 'https://oidc.us-iso-east-1.c2s.ic.gov'],
    [
      'us-isob-east-1',
      'https://sts.us-isob-east-1.sc2s.sgov.gov',
      'https://portal.sso.us-isob-east-1.sc2s.sgov.gov',
      'https://oidc.us-isob-east-1.sc2s.sgov.gov',
    ],
    [
      'eu-isoe-west-1',
      'https://sts.eu-isoe-west-1.cloud.adc-e.uk',
      'https://portal.sso.eu-isoe-west-1.cloud.adc-e.uk',
      'https://oidc.eu-isoe-west-1.cloud.adc-e.uk',
    ],
    [
      'us-isof-south-1',
      'https://sts.us-isof-south-1.csp.hci.ic.gov',
      'https://portal.sso.us-isof-south-1.csp.hci.ic.gov',
      'https://oidc.us-isof-south-1.csp.hci.ic.gov',
    ],
    [
      'cn-northwest-1',
      'https://sts.cn-northwest-1.amazonaws.com.cn',
      'https://portal.sso.cn-northwest-1.amazonaws.com.cn',
      'https://oidc.cn-northwest-1.amazonaws.com.cn',
    ],
  ];
  for (const [region, sts, portal, oidc] of cases) {
    assert.equal(resolveStsEndpoint(region, { env: {} }).url, sts);
    assert.equal(resolveSsoPortalEndpoint(region, { env: {} }).url, portal);
    assert.equal(resolveSsoOidcEndpoint(region, { env: {} }).url, oidc);
  }
  assert.equal(
    resolveStsEndpoint('eusc-de-east-1', { env: { AWS_USE_DUALSTACK_ENDPOINT: 'true' } }).url,
    'https://sts.eusc-de-east-1.api.amazonwebservices.eu',
  );
  assert.equal(resolveStsEndpoint('us-gov-east-1', { env: { AWS_USE_FIPS_ENDPOINT: 'true' } }).url, 'https://sts-fips.us-gov-east-1.amazonaws.com');
});

test('a region that is not a host label is refused wherever it came from, before any URL is built', () => {
  for (const bad of ['attacker.example/', 'attacker.example/x?', 'us east 1', '-us-east-1']) {
    assert.throws(() => resolveRegion({ flag: bad, env: {} }), isPlanErr('invalid-region'), bad);
    assert.throws(() => resolveRegion({ env: { AWS_REGION: bad } }), isPlanErr('invalid-region'), bad);
    assert.throws(() => resolveRegion({ env: {}, profile: profileSet({ profiles: { p: { region: bad } } }).profiles.p }), isPlanErr('invalid-region'), bad);
    assert.throws(() => resolveStsEndpoint(bad, { env: {} }), isPlanErr('invalid-region'), bad);
    // botocore validates the region even when an endpoint is configured (it still signs with it).
    assert.throws(() => resolveSsoPortalEndpoint(bad, { env: { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9' } }), isPlanErr('invalid-region'), bad);
    assert.throws(() => resolveSsoOidcEndpoint(bad, { env: {} }), isPlanErr('invalid-region'), bad);
  }
  assert.throws(() => resolveRegion({ env: { AWS_DEFAULT_REGION: 'a/b' } }), /AWS_DEFAULT_REGION = "a\/b" is not a valid region name/);
  // An explicit endpoint URL stays as the user wrote it.
  assert.equal(
    resolveStsEndpoint('us-east-1', { env: { AWS_ENDPOINT_URL_STS: 'https://sts.internal.example/prefix?x' } }).url,
    'https://sts.internal.example/prefix?x',
  );
});

test('an sso_region that is not a region makes the SSO profile broken in the plan', () => {
  const set = profileSet({
    profiles: { p: { sso_start_url: 'https://x.awsapps.com/start', sso_region: 'attacker.example/x?', sso_account_id: '111111111111', sso_role_name: 'R' } },
  });
  const step = planDefaultChain({ env: {}, profiles: set, profileName: 'p', profileFromFlag: true }).steps.find((s) => s.step === 'profile');
  assert.equal(step?.status, 'broken');
  assert.match(step?.status === 'broken' ? step.error.message : '', /sso_region = "attacker.example\/x\?" is not a valid region name/);
});
