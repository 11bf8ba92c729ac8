import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RetryQuota, backoffDelayMs, classifyError, retryPolicyFrom, withRetries } from '../../src/aws/retry.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { HttpTransportError } from '../../src/io/http-errors.ts';

const serviceError = (status: number, code: string) => new AwsServiceError({ service: 'sts', operation: 'Op', status, code, message: 'm' });
const deps = () => {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms), random: () => 1, debug: () => undefined };
};

describe('retry classification', () => {
  const table: Array<[string, unknown, string]> = [
    ['503', serviceError(503, 'HTTP 503'), 'transient'],
    ['500', serviceError(500, 'InternalFailure'), 'transient'],
    ['504', serviceError(504, 'x'), 'transient'],
    ['Throttling 400', serviceError(400, 'Throttling'), 'throttling'],
    ['ThrottlingException', serviceError(400, 'ThrottlingException'), 'throttling'],
    ['429 any code', serviceError(429, 'HTTP 429'), 'throttling'],
    ['RequestLimitExceeded', serviceError(400, 'RequestLimitExceeded'), 'throttling'],
    ['TransactionInProgress', serviceError(400, 'TransactionInProgressException'), 'throttling'],
    ['AccessDenied', serviceError(403, 'AccessDenied'), 'fatal'],
    ['ExpiredToken', serviceError(400, 'ExpiredToken'), 'fatal'],
    ['reset', new HttpTransportError('w', 'y', 'reset'), 'network'],
    ['timeout', new HttpTransportError('w', 'y', 'timeout'), 'network'],
    ['refused', new HttpTransportError('w', 'y', 'connect'), 'network'],
    ['tls', new HttpTransportError('w', 'y', 'tls'), 'fatal'],
    ['redirect', new HttpTransportError('w', 'y', 'redirect'), 'fatal'],
    ['plain error', new Error('x'), 'fatal'],
  ];
  for (const [name, error, expected] of table) it(`${name} → ${expected}`, () => assert.equal(classifyError(error), expected));
});

describe('retry policy and backoff', () => {
  it('reads retry_mode and max_attempts', () => {
    assert.deepEqual(retryPolicyFrom({}), { mode: 'standard', maxAttempts: 3 });
    assert.deepEqual(retryPolicyFrom({ retryMode: 'Legacy' }), { mode: 'legacy', maxAttempts: 5 });
    assert.deepEqual(retryPolicyFrom({ retryMode: 'adaptive', maxAttempts: ' 7 ' }), { mode: 'adaptive', maxAttempts: 7 });
    assert.throws(() => retryPolicyFrom({ retryMode: 'fast' }), /retry_mode/);
    assert.throws(() => retryPolicyFrom({ maxAttempts: '0' }), /max_attempts/);
  });

  it('grows exponentially from 100 ms (500 ms when throttled) and caps at 20 s', () => {
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => backoffDelayMs(i, 'transient', () => 1)),
      [100, 200, 400, 800],
    );
    assert.equal(
      backoffDelayMs(0, 'throttling', () => 1),
      500,
    );
    assert.equal(
      backoffDelayMs(30, 'transient', () => 1),
      20_000,
    );
    assert.equal(
      backoffDelayMs(3, 'transient', () => 0),
      0,
    );
  });
});

describe('withRetries', () => {
  it('retries until success and counts attempts', async () => {
    const d = deps();
    const answers = [serviceError(503, 'x'), serviceError(503, 'x')];
    const result = await withRetries(d, 'op', async (n) => {
      const next = answers.shift();
      if (next) throw next;
      return n;
    });
    assert.equal(result, 3);
    assert.deepEqual(d.sleeps, [100, 200]);
  });

  it('stops at once on a fatal error', async () => {
    const d = deps();
    let calls = 0;
    await assert.rejects(
      withRetries(d, 'op', async () => {
        calls++;
        throw serviceError(403, 'AccessDenied');
      }),
      /AccessDenied: m$/,
    );
    assert.equal(calls, 1);
  });

  it('honours maxAttempts 1 (retries off) and names attempts when giving up', async () => {
    const d = deps();
    await assert.rejects(
      withRetries(
        d,
        'op',
        async () => {
          throw serviceError(503, 'x');
        },
        { mode: 'standard', maxAttempts: 1 },
      ),
      (e: unknown) => e instanceof AwsServiceError && e.attempts === 1,
    );
    await assert.rejects(
      withRetries(d, 'op', async () => {
        throw new HttpTransportError('GET http://x/', 'connection reset', 'reset');
      }),
      /GET http:\/\/x\/: connection reset \(gave up after 3 attempts\)/,
    );
  });

  it('stops when the shared retry quota is spent', async () => {
    const d = deps();
    const quota = new RetryQuota();
    while (quota.acquire('transient') !== undefined) {
      /* drain */
    }
    let calls = 0;
    await assert.rejects(
      withRetries(
        d,
        'op',
        async () => {
          calls++;
          throw serviceError(503, 'x');
        },
        undefined,
        quota,
      ),
    );
    assert.equal(calls, 1);
  });

  it('legacy mode ignores the quota', async () => {
    const d = deps();
    const quota = new RetryQuota();
    while (quota.acquire('transient') !== undefined) {
      /* drain */
    }
    let calls = 0;
    await assert.rejects(
      withRetries(
        d,
        'op',
        async () => {
          calls++;
          throw serviceError(503, 'x');
        },
        { mode: 'legacy', maxAttempts: 5 },
        quota,
      ),
    );
    assert.equal(calls, 5);
  });
});
