// Listing accounts and roles from the fake portal: pagination, bounded parallelism, and a
// burst of 429s that outlasts one call's retries without failing the listing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeSsoPortal } from '../fake-aws/index.ts';
import type { FakeAccount } from '../fake-aws/index.ts';
import { clientContext } from '../aws/helpers.ts';
import { listAccountsAndRoles, throughThrottling } from '../../src/sso/accounts.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { accountRows } from '../../src/cli/commands/sso-accounts.ts';

const accounts = (n: number): FakeAccount[] =>
  Array.from({ length: n }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: `Team ${String(i).padStart(3, '0')}`,
    emailAddress: `t${i}@example.com`,
    roles: ['Admin', 'Dev', 'ReadOnly'],
  }));

test('every account and role, paginated, sorted, at most `concurrency` requests at once', async () => {
  const portal = await startFakeSsoPortal({ accounts: accounts(25) });
  portal.accessTokens.add('TOKEN');
  portal.latencyMs = 5;
  try {
    const { accounts: listed, stats } = await listAccountsAndRoles(clientContext(), { endpoint: portal.url }, 'TOKEN', { concurrency: 4 });
    assert.equal(listed.length, 25);
    assert.deepEqual(listed[0], { accountId: '100000000000', accountName: 'Team 000', emailAddress: 't0@example.com', roles: ['Admin', 'Dev', 'ReadOnly'] });
    // pageSize 2: 13 pages of accounts, 2 pages of roles per account.
    assert.equal(stats.requests, 13 + 25 * 2);
    assert.equal(portal.requests.length, stats.requests);
    assert.ok(stats.maxInFlight <= 4 && stats.maxInFlight >= 2, `max in flight ${stats.maxInFlight}`);
    assert.ok(portal.requests.every((r) => r.headers['x-amz-sso_bearer_token'] === 'TOKEN'));
    assert.deepEqual(accountRows(listed).slice(0, 2), [
      ['100000000000', 'Team 000', 'Admin'],
      ['100000000000', 'Team 000', 'Dev'],
    ]);
  } finally {
    await portal.close();
  }
});

test('a burst of 429s longer than the retries of one call does not fail the listing', async () => {
  const portal = await startFakeSsoPortal({ accounts: accounts(3) });
  portal.accessTokens.add('TOKEN');
  portal.throttleNext(7);
  try {
    const call = clientContext();
    const { accounts: listed, stats } = await listAccountsAndRoles(call, { endpoint: portal.url }, 'TOKEN', { retry: { mode: 'standard', maxAttempts: 3 } });
    assert.equal(listed.length, 3);
    assert.equal(stats.retries, 7, 'a backoff or a new round after every 429');
    assert.equal(portal.requests.length, stats.requests);
    assert.equal(stats.requests, 7 + 2 + 3 * 2); // 429s, two pages of accounts, two pages of roles each
  } finally {
    await portal.close();
  }
});

test('throughThrottling: only throttling is retried, and only until the deadline', async () => {
  const call = clientContext();
  const throttled = () =>
    new AwsServiceError({ service: 'sso', operation: 'ListAccounts', status: 429, code: 'TooManyRequestsException', message: 'Rate exceeded', attempts: 10 });
  let calls = 0;
  assert.equal(await throughThrottling(call, 'x', async () => (++calls < 3 ? Promise.reject(throttled()) : 'ok'), 60_000), 'ok');
  assert.equal(calls, 3);
  calls = 0;
  await assert.rejects(
    throughThrottling(
      call,
      'x',
      async () => {
        calls++;
        throw new AwsServiceError({ service: 'sso', operation: 'ListAccounts', status: 401, code: 'UnauthorizedException', message: 'no' });
      },
      60_000,
    ),
    /UnauthorizedException/,
  );
  assert.equal(calls, 1);
  // A clock that never moves past the deadline of 0: one try, then the error.
  await assert.rejects(
    throughThrottling(call, 'x', async () => Promise.reject(throttled()), 0),
    /TooManyRequests/,
  );
});
