import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getRoleCredentials, listAccountRoles, listAllAccountRoles, listAllAccounts, logout } from '../../src/aws/sso-portal.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { startFakeSsoPortal, type FakeSsoPortal } from '../fake-aws/index.ts';
import { FIXED_NOW, realHttp, clientContext } from './helpers.ts';

describe('sso portal client against the fake portal', () => {
  let portal: FakeSsoPortal;
  const http = realHttp();
  const token = 'portal-access-token';
  before(async () => {
    portal = await startFakeSsoPortal({ now: () => FIXED_NOW });
    portal.accessTokens.add(token);
  });
  after(async () => {
    await http.close();
    await portal.close();
  });
  const target = () => ({ endpoint: portal.url });

  it('gets role credentials with the bearer header; expiration in ms becomes a Date', async () => {
    const creds = await getRoleCredentials(clientContext(http), target(), { accessToken: token, roleName: 'Developer', accountId: '012345678901' });
    const request = portal.requests.at(-1)!;
    assert.equal(request.path, '/federation/credentials');
    assert.deepEqual(request.query, { role_name: 'Developer', account_id: '012345678901' });
    assert.equal(request.headers['x-amz-sso_bearer_token'], token);
    assert.equal(creds.expiration?.getTime(), FIXED_NOW.getTime() + 3600_000);
    assert.equal(creds.accountId, '012345678901');
  });

  it('follows nextToken through every page of accounts and roles', async () => {
    const before = portal.requests.length;
    const accounts = await listAllAccounts(clientContext(http), target(), token);
    assert.deepEqual(
      accounts.map((a) => a.accountId),
      ['111111111111', '222222222222', '012345678901'],
    );
    assert.equal(accounts[0]?.accountName, 'Production');
    assert.equal(portal.requests.length - before, 2, 'page size 2 → two requests');
    assert.ok(portal.requests.at(-1)!.query.next_token);
    const roles = await listAllAccountRoles(clientContext(http), target(), token, '111111111111');
    assert.deepEqual(
      roles.map((r) => r.roleName),
      ['AdministratorAccess', 'ReadOnly'],
    );
    const first = await listAccountRoles(clientContext(http), target(), { accessToken: token, accountId: '111111111111', maxResults: 1 });
    assert.equal(portal.requests.at(-1)!.query.max_result, '1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextToken);
  });

  it('retries 429 TooManyRequestsException with backoff, then gives up naming the code', async () => {
    const ctx = clientContext(http);
    portal.throttleNext(2);
    await listAllAccounts(ctx, target(), token);
    assert.deepEqual(ctx.sleeps, [250, 500]);
    portal.throttleNext(3);
    const error = await getRoleCredentials(clientContext(http), target(), { accessToken: token, roleName: 'Developer', accountId: '012345678901' }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.message, 'sso:GetRoleCredentials failed: TooManyRequestsException: Rate exceeded (gave up after 3 attempts)');
  });

  it('surfaces an invalid token as UnauthorizedException without echoing it', async () => {
    const error = await listAllAccounts(clientContext(http), target(), 'stale-token-value').catch((e: unknown) => e);
    assert.ok(error instanceof AwsServiceError);
    assert.equal(error.code, 'UnauthorizedException');
    assert.equal(error.status, 401);
    assert.doesNotMatch(error.message, /stale-token-value/);
  });

  it('logs out, after which the token is refused', async () => {
    portal.accessTokens.add('to-logout');
    await logout(clientContext(http), target(), { accessToken: 'to-logout' });
    assert.deepEqual(portal.loggedOut, ['to-logout']);
    await assert.rejects(listAllAccounts(clientContext(http), target(), 'to-logout'), /UnauthorizedException/);
  });

  it('reports a malformed portal answer clearly', async () => {
    portal.script({ kind: 'reply', status: 200, body: '{"roleCredentials": {"accessKeyId": "A"}}' });
    await assert.rejects(
      getRoleCredentials(clientContext(http), target(), { accessToken: token, roleName: 'Developer', accountId: '012345678901' }),
      /malformed response: missing or non-string "secretAccessKey"/,
    );
  });

  it('refuses an expiration no Date can hold (found by the hostile fuzz: 1e308 ms)', async () => {
    portal.script({
      kind: 'reply',
      status: 200,
      body: '{"roleCredentials": {"accessKeyId": "A", "secretAccessKey": "S", "sessionToken": "T", "expiration": 1e308}}',
    });
    await assert.rejects(
      getRoleCredentials(clientContext(http), target(), { accessToken: token, roleName: 'Developer', accountId: '012345678901' }),
      /malformed response: "expiration" is not a usable time/,
    );
  });
});
