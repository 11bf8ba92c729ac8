// Issue 14 item 7: a start URL on a company's own domain is followed one redirect to the
// AWS-owned portal, whose host names the region (AWS CLI 2.35.13+); only AWS-owned targets count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws } from '../fake-aws/index.ts';
import { startFakeServer } from '../fake-aws/server.ts';
import { makeTestCertificates } from '../fake-aws/tls.ts';
import { runCli, tempHome } from '../helpers/cli.ts';
import { isAwsOwnedHost, regionFromPortalHost } from '../../src/plan/portal-hosts.ts';
import { readJson, tokenPath } from './helpers.ts';

test("AWS-owned hosts and the region a portal host names (the AWS CLI's cases)", () => {
  for (const host of [
    'ssoins-abc123.portal.us-west-2.app.aws',
    'SSOINS-ABC123.PORTAL.US-WEST-2.APP.AWS',
    'ssoins-abc123.us-west-2.portal.amazonaws.com',
    'd-abc123.awsapps.com',
    'awsapps.com',
    'identitycenter.amazonaws.com.',
    'start.home.awsapps.cn',
  ]) {
    assert.equal(isAwsOwnedHost(host), true, host);
  }
  for (const host of ['aws.mycompany.com', 'awsapps.com.evil.net', 'evil-awsapps.com', 'x.app.aws.example.com', 'amazonaws.com.example.org', '127.0.0.1']) {
    assert.equal(isAwsOwnedHost(host), false, host);
  }
  assert.equal(regionFromPortalHost('ssoins-1.portal.eu-north-1.app.aws'), 'eu-north-1');
  assert.equal(regionFromPortalHost('ssoins-1.cn-north-1.portal.amazonaws.com.cn'), 'cn-north-1');
  assert.equal(regionFromPortalHost('d-abc123.awsapps.com'), undefined);
});

test('login with a custom-domain start URL: one redirect, region from the portal host, written back after sign-in', async (t) => {
  const certs = makeTestCertificates();
  if (!certs) return t.skip('openssl is not available to make a test certificate');
  const fake = await startFakeAws();
  let target = 'https://ssoins-7223.portal.eu-north-1.app.aws/start/';
  const vanity = await startFakeServer(() => ({ status: 302, headers: { location: target } }), { tls: { key: certs.serverKeyPem, cert: certs.serverCertPem } });
  try {
    const config = `[sso-session corp]\nsso_start_url = ${vanity.url}/start\nsso_region = us-east-1\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`;
    const home = tempHome({ '.aws/config': config, 'ca.pem': certs.caPem });
    const env = { ...fake.env, AWS_CA_BUNDLE: join(home, 'ca.pem') };
    const result = await runCli(['login', '--profile', 'dev'], { home, env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /leads to https:\/\/ssoins-7223\.portal\.eu-north-1\.app\.aws\/start \(IAM Identity Center in eu-north-1\)/);
    assert.match(result.stderr, /sso_region updated to eu-north-1/);
    assert.equal(vanity.requests[0]?.method, 'HEAD');
    assert.equal(vanity.requests.length, 1, 'one request, the redirect is not followed');
    assert.equal(readJson(tokenPath(home)).region, 'eu-north-1');
    assert.match(readFileSync(join(home, '.aws', 'config'), 'utf8'), /\[sso-session corp\]\nsso_start_url = [^\n]+\nsso_region = eu-north-1\n/);

    // A redirect anywhere but AWS is not believed, and nothing is written.
    target = 'https://portal.attacker.example/start';
    writeFileSync(join(home, '.aws', 'config'), config);
    const evil = await runCli(['login', '--profile', 'dev'], { home, env });
    assert.equal(evil.code, 1, evil.stderr);
    assert.match(evil.stderr, /does not lead to an AWS-owned IAM Identity Center host \(it ends at portal\.attacker\.example\)/);
    assert.equal(readFileSync(join(home, '.aws', 'config'), 'utf8'), config);
  } finally {
    await Promise.all([fake.close(), vanity.close()]);
  }
});
