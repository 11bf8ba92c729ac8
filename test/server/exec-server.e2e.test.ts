// `awsctl exec --server` with real clients as judges: botocore and the AWS SDK for JavaScript v3
// run as the child, sign sts:AssumeRole (session "judge") against a fake STS that issues short-lived
// credentials and refuses expired ones, and must keep working across at least two refreshes
// (three distinct access keys, every signature valid, no call refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { e2eRig, type E2eRig } from '../e2e/setup.ts';
import { ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';
import { BOTOCORE_LOOP, pythonsWithBotocore, reportOf, SDK_JS_LOOP, type LoopReport } from './judges.ts';

const CHILD_TIMEOUT_MS = 120_000;

async function shortLivedRig(lifetimeSeconds: number): Promise<E2eRig> {
  const r = await e2eRig(STATIC_BASE);
  r.aws.sts.strict = true;
  r.aws.sts.rejectExpired = true;
  r.aws.sts.lifetimeSeconds = lifetimeSeconds;
  return r;
}

function assertKeptWorking(r: E2eRig, report: LoopReport): void {
  assert.ok(report.keys.length >= 3, `three generations of keys seen: ${report.keys.join(', ')}`);
  for (const key of report.keys) assert.match(key, /^ASIAFAKE/);
  const identityCalls = r.aws.sts.calls.filter((c) => c.params.RoleSessionName === 'judge');
  assert.ok(identityCalls.length >= report.calls, 'every call of the child reached STS');
  for (const call of identityCalls) assert.equal(call.signatureValid, true, `signed with a key STS issued: ${call.signedWith}`);
  const signers = new Set(identityCalls.map((c) => c.signedWith));
  assert.ok(signers.size >= 3, `the child signed with ${signers.size} different keys`);
  assert.ok(r.aws.sts.calls.filter((c) => c.action === 'AssumeRole' && c.params.RoleSessionName !== 'judge').length >= 3, 'awsctl refreshed at least twice');
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
    assert.ok(!report.env.includes(name), `${name} is not in the child's environment`);
}

for (const python of pythonsWithBotocore()) {
  test(`botocore ${python.botocore} (${python.path}) as the child keeps working across two refreshes (container mode)`, async () => {
    const r = await shortLivedRig(12);
    try {
      const result = await r.run(['exec', '--profile', 'dev', '--server', '--', python.path, BOTOCORE_LOOP, '3'], {}, CHILD_TIMEOUT_MS);
      assert.equal(result.code, 0, result.stderr);
      const report = reportOf(result.stdout);
      assert.deepEqual(report.methods, ['container-role']);
      assert.ok(report.env.includes('AWS_CONTAINER_CREDENTIALS_FULL_URI') && report.env.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN'));
      assertKeptWorking(r, report);
    } finally {
      await r.close();
    }
  });
}

for (const provider of ['container', 'chain']) {
  test(`the AWS SDK for JavaScript v3 (${provider === 'container' ? 'fromContainerMetadata' : 'fromNodeProviderChain'}) as the child keeps working across two refreshes`, async () => {
    const r = await shortLivedRig(12);
    try {
      const result = await r.run(['exec', '--profile', 'dev', '--server', '--', process.execPath, SDK_JS_LOOP, provider, '3'], {}, CHILD_TIMEOUT_MS);
      assert.equal(result.code, 0, result.stderr);
      assertKeptWorking(r, reportOf(result.stdout));
    } finally {
      await r.close();
    }
  });
}

// IMDS mode: credentials must never be served with under ~20 minutes left (botocore would
// extend them past expiry on its own), so STS issues 30-minute credentials here and the refresh
// window is set to make awsctl replace them every 6 s; each call builds a new client so that
// every call reads the metadata service.
const imdsEnv = { AWSCTL_CACHE_REFRESH_WINDOW: '1794' };

for (const python of pythonsWithBotocore()) {
  test(`botocore ${python.botocore} (${python.path}) through --imds keeps working across two refreshes, with no expiration extension`, async () => {
    const r = await shortLivedRig(1800);
    try {
      const result = await r.run(['exec', '--profile', 'dev', '--server', '--imds', '--', python.path, BOTOCORE_LOOP, '3', 'fresh'], imdsEnv, CHILD_TIMEOUT_MS);
      assert.equal(result.code, 0, result.stderr);
      const report = reportOf(result.stdout);
      assert.deepEqual(report.methods, ['iam-role']);
      assert.deepEqual(report.extensions, [], 'botocore never extended the credentials (static stability)');
      assert.ok(report.env.includes('AWS_EC2_METADATA_SERVICE_ENDPOINT'));
      assert.ok(!report.env.includes('AWS_EC2_METADATA_DISABLED') && !report.env.includes('AWS_CONTAINER_CREDENTIALS_FULL_URI'));
      assertKeptWorking(r, report);
    } finally {
      await r.close();
    }
  });
}

test('the AWS SDK for JavaScript v3 (fromInstanceMetadata) through --imds keeps working across two refreshes', async () => {
  const r = await shortLivedRig(1800);
  try {
    const result = await r.run(
      ['exec', '--profile', 'dev', '--server', '--imds', '--', process.execPath, SDK_JS_LOOP, 'imds', '3', 'fresh'],
      imdsEnv,
      CHILD_TIMEOUT_MS,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /expiration extension/);
    assertKeptWorking(r, reportOf(result.stdout));
  } finally {
    await r.close();
  }
});

test('--imds warns when the source cannot give 25 minutes and recommends the container mode', async () => {
  const r = await shortLivedRig(900);
  try {
    const result = await r.run(['exec', '--profile', 'dev', '--server', '--imds', '--', 'true']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /only 1[45] min left.*use the container mode/);
  } finally {
    await r.close();
  }
});

const hasAwsCli = existsSync('/usr/bin/aws');

test('the AWS CLI v2 as the child signs with the served credentials', { skip: !hasAwsCli && 'no AWS CLI at /usr/bin/aws' }, async () => {
  const r = await e2eRig(STATIC_BASE);
  r.aws.sts.strict = true;
  try {
    const result = await r.run(
      ['exec', '--profile', 'dev', '--server', '--', '/usr/bin/aws', 'sts', 'get-caller-identity', '--endpoint-url', r.aws.sts.url, '--output', 'json'],
      {},
      60_000,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).Arn.startsWith('arn:aws:sts::111122223333:assumed-role/Dev/'), true);
    const call = r.aws.sts.calls.find((c) => c.action === 'GetCallerIdentity');
    assert.equal(call?.signedWith, 'ASIAFAKE000000000001');
    assert.equal(call?.signatureValid, true);
  } finally {
    await r.close();
  }
});
