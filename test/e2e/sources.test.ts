// Credential sources through the built CLI against the fakes: web identity, the container
// endpoint, IMDS, and MFA (--token-code; --no-input without a code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFiles } from '../helpers/cli.ts';
import { e2eRig } from './setup.ts';
import { BASE_KEY, ROLE_PROFILE } from '../helpers/fixtures.ts';

test('web identity from the environment and from a profile', async () => {
  const r = await e2eRig('');
  try {
    writeFiles(r.home, {
      'token.jwt': 'header.payload.signature\n',
      '.aws/config': `[profile wi]\nrole_arn = arn:aws:iam::111122223333:role/Web\nweb_identity_token_file = ${join(r.home, 'token.jwt')}\nrole_session_name = wi-session\n`,
    });
    const fromEnv = await r.run(['process'], { AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/EnvWeb', AWS_WEB_IDENTITY_TOKEN_FILE: join(r.home, 'token.jwt') });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(JSON.parse(fromEnv.stdout).AccessKeyId, /^ASIAFAKE/);
    assert.equal(r.aws.sts.calls[0]?.action, 'AssumeRoleWithWebIdentity');
    assert.equal(r.aws.sts.calls[0]?.params.WebIdentityToken, 'header.payload.signature');
    const fromProfile = await r.run(['whoami', '--profile', 'wi', '--json']);
    assert.equal(fromProfile.code, 0, fromProfile.stderr);
    assert.equal(JSON.parse(fromProfile.stdout).Provider, 'web-identity');
    assert.equal(r.aws.sts.calls[1]?.params.RoleSessionName, 'wi-session');
  } finally {
    await r.close();
  }
});

test('container endpoint: FULL_URI on 127.0.0.1 with the authorization token', async () => {
  const r = await e2eRig('');
  try {
    const result = await r.run(['env', '--format', 'json'], {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: r.aws.env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: r.aws.env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
    });
    assert.equal(result.code, 0, result.stderr);
    const vars = JSON.parse(result.stdout) as Record<string, string>;
    assert.match(vars.AWS_ACCESS_KEY_ID!, /^ASIACONT/);
    assert.equal(vars.AWS_SESSION_TOKEN, 'container-token-1');
    assert.equal(r.aws.container.requests[0]?.headers.authorization, r.aws.env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
  } finally {
    await r.close();
  }
});

test('IMDS via AWS_EC2_METADATA_SERVICE_ENDPOINT (IMDSv2 token first)', async () => {
  const r = await e2eRig('');
  try {
    const result = await r.run(['whoami', '--json'], { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: r.aws.imds.url });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).Provider, 'imds');
    assert.equal(r.aws.imds.requests[0]?.method, 'PUT');
    assert.match(r.aws.sts.calls[0]?.signedWith ?? '', /^ASIAIMDS/);
  } finally {
    await r.close();
  }
});

const MFA = `${ROLE_PROFILE}
[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me
`;

test('MFA with --token-code: STS sees SerialNumber and TokenCode', async () => {
  const r = await e2eRig(MFA);
  try {
    const result = await r.run(['process', '--profile', 'admin', '--token-code', '123456']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(r.aws.sts.calls[0]?.params.SerialNumber, 'arn:aws:iam::123456789012:mfa/me');
    assert.equal(r.aws.sts.calls[0]?.params.TokenCode, '123456');
    assert.equal(r.aws.sts.calls[0]?.signedWith, BASE_KEY.id);
  } finally {
    await r.close();
  }
});

test('MFA with --no-input and no code: one clear line naming the profile, nothing on stdout', async () => {
  const r = await e2eRig(MFA);
  try {
    const result = await r.run(['env', '--profile', 'admin', '--no-input']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'false\n', 'only the statement that fails the eval');
    assert.match(result.stderr, /^awsctl: profile admin: .*MFA code.*--token-code/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.equal(r.aws.sts.calls.length, 0);
  } finally {
    await r.close();
  }
});
