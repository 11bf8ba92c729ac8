import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountIdFromArn,
  assumeRole,
  assumeRoleWithWebIdentity,
  formEncode,
  getCallerIdentity,
  getFederationToken,
  getSessionToken,
} from '../../src/aws/sts.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { AwsctlError } from '../../src/errors.ts';
import { startFakeSts, stsError, type FakeSts } from '../fake-aws/index.ts';
import { FIXED_NOW, realHttp, clientContext } from './helpers.ts';

const base = { accessKeyId: 'AKIABASEKEY000000001', secretAccessKey: 'base-secret-value' };

describe('sts client against the fake STS', () => {
  let sts: FakeSts;
  const http = realHttp();
  before(async () => {
    sts = await startFakeSts({ now: () => FIXED_NOW });
    sts.addKey(base.accessKeyId, base.secretAccessKey);
  });
  after(async () => {
    await http.close();
    await sts.close();
  });
  const target = (credentials = base) => ({ endpoint: sts.url, region: 'us-east-1', credentials });

  it('assumes a role: form body, signed request, credentials and account id from the ARN', async () => {
    const ctx = clientContext(http);
    const result = await assumeRole(ctx, target(), {
      roleArn: 'arn:aws:iam::210987654321:role/Deploy',
      roleSessionName: 'awsctl-1',
      durationSeconds: 900,
      externalId: 'ext-1',
    });
    const call = sts.calls.at(-1)!;
    assert.equal(call.action, 'AssumeRole');
    assert.deepEqual(call.params, {
      RoleArn: 'arn:aws:iam::210987654321:role/Deploy',
      RoleSessionName: 'awsctl-1',
      DurationSeconds: '900',
      ExternalId: 'ext-1',
    });
    assert.equal(call.signedWith, base.accessKeyId);
    assert.equal(call.signatureValid, true, 'SigV4 signature verifies with the secret');
    assert.equal(sts.requests.at(-1)!.headers['content-type'], 'application/x-www-form-urlencoded; charset=utf-8');
    assert.match(sts.requests.at(-1)!.headers.authorization!, /\/us-east-1\/sts\/aws4_request/);
    assert.match(result.credentials.accessKeyId, /^ASIAFAKE\d{12}$/);
    assert.equal(result.credentials.accountId, '210987654321');
    assert.equal(result.credentials.expiration?.getTime(), FIXED_NOW.getTime() + 900_000);
    assert.equal(result.assumedRoleArn, 'arn:aws:sts::210987654321:assumed-role/Deploy/awsctl-1');
  });

  it("GetFederationToken: Name, Policy, PolicyArns and DurationSeconds in the signed form; the federated user's account", async () => {
    const ctx = clientContext(http);
    const result = await getFederationToken(ctx, target(), {
      name: 'awsctl-dev',
      policy: '{"Version":"2012-10-17","Statement":[]}',
      policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      durationSeconds: 3600,
    });
    const call = sts.calls.at(-1)!;
    assert.equal(call.action, 'GetFederationToken');
    assert.deepEqual(call.params, {
      Name: 'awsctl-dev',
      Policy: '{"Version":"2012-10-17","Statement":[]}',
      DurationSeconds: '3600',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    assert.equal(call.signatureValid, true);
    assert.equal(result.federatedUserArn, 'arn:aws:sts::123456789012:federated-user/awsctl-dev');
    assert.equal(result.credentials.accountId, '123456789012');
    assert.equal(result.credentials.expiration?.getTime(), FIXED_NOW.getTime() + 3_600_000);
    assert.ok(result.credentials.sessionToken);
  });

  it('signs hop 2 with the credentials of hop 1, session token included', async () => {
    const ctx = clientContext(http);
    const hop1 = await assumeRole(ctx, target(), { roleArn: 'arn:aws:iam::111111111111:role/One', roleSessionName: 's1' });
    await assumeRole(ctx, target(hop1.credentials as typeof base), { roleArn: 'arn:aws:iam::222222222222:role/Two', roleSessionName: 's2' });
    const call = sts.calls.at(-1)!;
    assert.equal(call.signedWith, hop1.credentials.accessKeyId);
    assert.equal(call.sessionToken, hop1.credentials.sessionToken);
    assert.equal(call.signatureValid, true);
  });

  it('a signature made with the wrong secret does not verify (strict STS refuses it)', async () => {
    const ctx = clientContext(http);
    sts.strict = true;
    try {
      const error = await assumeRole(ctx, target({ ...base, secretAccessKey: 'wrong' }), {
        roleArn: 'arn:aws:iam::111111111111:role/One',
        roleSessionName: 's',
      }).catch((e: unknown) => e);
      assert.ok(error instanceof AwsServiceError);
      assert.equal(error.code, 'SignatureDoesNotMatch');
      assert.equal(sts.calls.at(-1)!.signatureValid, false);
      assert.doesNotMatch(error.message, /wrong|base-secret-value/);
    } finally {
      sts.strict = false;
    }
  });

  it('calls AssumeRoleWithWebIdentity unsigned', async () => {
    const ctx = clientContext(http);
    const result = await assumeRoleWithWebIdentity(
      ctx,
      { endpoint: sts.url },
      { roleArn: 'arn:aws:iam::333333333333:role/Web', roleSessionName: 'w', webIdentityToken: 'jwt.jwt.jwt' },
    );
    assert.equal(sts.requests.at(-1)!.headers.authorization, undefined);
    assert.equal(sts.calls.at(-1)!.params.WebIdentityToken, 'jwt.jwt.jwt');
    assert.equal(result.credentials.accountId, '333333333333');
  });

  it('reads GetCallerIdentity and GetSessionToken', async () => {
    const ctx = clientContext(http);
    const identity = await getCallerIdentity(ctx, target());
    assert.deepEqual({ account: identity.account, arn: identity.arn }, { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/fake-user' });
    const session = await getSessionToken(ctx, target(), { durationSeconds: 3600, serialNumber: 'arn:aws:iam::123456789012:mfa/me', tokenCode: '123456' });
    assert.equal(sts.calls.at(-1)!.params.TokenCode, '123456');
    assert.equal(session.credentials.expiration?.getTime(), FIXED_NOW.getTime() + 3600_000);
    assert.equal(session.credentials.accountId, undefined);
  });

  it('retries a 503 and succeeds, sleeping through the context', async () => {
    const ctx = clientContext(http);
    sts.script({ kind: 'reply', ...stsError(503, 'ServiceUnavailable', 'try later') });
    const before = sts.requests.length;
    await getCallerIdentity(ctx, target());
    assert.equal(sts.requests.length - before, 2);
    assert.deepEqual(ctx.sleeps, [50], 'one backoff: 0.5 * 100 ms');
  });

  it('gives up on throttling after max attempts, naming the code and the attempts', async () => {
    const ctx = clientContext(http);
    for (let i = 0; i < 3; i++) sts.script({ kind: 'reply', ...stsError(400, 'Throttling', 'Rate exceeded') });
    const error = await getCallerIdentity(ctx, target()).catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.message, 'sts:GetCallerIdentity failed: Throttling: Rate exceeded (gave up after 3 attempts)');
    assert.deepEqual(ctx.sleeps, [250, 500], 'throttling backoff base 500 ms, doubled');
  });

  it('does not retry AccessDenied and keeps secrets out of the message', async () => {
    const ctx = clientContext(http);
    sts.script({ kind: 'reply', ...stsError(403, 'AccessDenied', 'User: arn:aws:iam::123456789012:user/u is not authorized to perform: sts:AssumeRole') });
    const error = await assumeRole(ctx, target(), { roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 's', tokenCode: '654321' }).catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.match(error.message, /^sts:AssumeRole failed: AccessDenied: User: .* is not authorized/);
    assert.equal(ctx.sleeps.length, 0);
    assert.doesNotMatch(error.message, /base-secret-value|654321/);
  });

  it('reports malformed, truncated and empty XML clearly', async () => {
    const ctx = clientContext(http);
    sts.script({ kind: 'reply', status: 200, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>x</Arn>' });
    await assert.rejects(
      getCallerIdentity(ctx, target()),
      (e: unknown) => e instanceof AwsctlError && /malformed response: not well-formed XML/.test(e.message),
    );
    sts.script({ kind: 'reply', status: 200, body: '' });
    await assert.rejects(getCallerIdentity(ctx, target()), /malformed response: empty body/);
    sts.script({ kind: 'reply', status: 200, body: '<Other/>' });
    await assert.rejects(getCallerIdentity(ctx, target()), /no <GetCallerIdentityResult> element/);
    sts.script({
      kind: 'reply',
      status: 200,
      body: '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId></Credentials></AssumeRoleResult></AssumeRoleResponse>',
    });
    await assert.rejects(assumeRole(ctx, target(), { roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 's' }), /missing <SecretAccessKey>/);
  });

  it('does not believe XML with a <!DOCTYPE> (STS never sends one), even well-formed credentials', async () => {
    const ctx = clientContext(http);
    const creds =
      '<Credentials><AccessKeyId>ASIAFROMDTD</AccessKeyId><SecretAccessKey>&x;</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>';
    sts.script({
      kind: 'reply',
      status: 200,
      body: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "evil">]><AssumeRoleResponse><AssumeRoleResult>${creds}</AssumeRoleResult></AssumeRoleResponse>`,
    });
    await assert.rejects(
      assumeRole(ctx, target(), { roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 's' }),
      (e: unknown) => e instanceof AwsctlError && /malformed response: the XML has a <!DOCTYPE> declaration/.test(e.message),
    );
  });

  it('treats a 5xx HTML page as a service error, not a parse error', async () => {
    const ctx = clientContext(http);
    for (let i = 0; i < 3; i++) sts.script({ kind: 'reply', status: 502, body: '<html><body>Bad gateway' });
    const error = await getCallerIdentity(ctx, target()).catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.status, 502);
    assert.match(error.message, /HTTP 502.*gave up after 3 attempts/);
  });
});

describe('sts helpers', () => {
  it('form-encodes like the SDKs (RFC 3986)', () => {
    assert.equal(formEncode({ A: "a b!'()*", B: undefined, C: 'x/y=z&' }), 'A=a%20b%21%27%28%29%2A&C=x%2Fy%3Dz%26');
  });
  it('takes the account id from an ARN only when it is 12 digits', () => {
    assert.equal(accountIdFromArn('arn:aws:sts::012345678901:assumed-role/R/s'), '012345678901');
    assert.equal(accountIdFromArn('arn:aws:sts:::assumed-role'), undefined);
  });
});
