// The device code flow against the fake OIDC service with an injected sleep: how many polls,
// how long each wait was (slow_down adds 5 s for good), and how each terminal answer ends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeSsoOidc } from '../fake-aws/index.ts';
import type { FakeSsoOidc, PollAnswer } from '../fake-aws/index.ts';
import { clientContext } from '../aws/helpers.ts';
import { registerClient } from '../../src/aws/sso-oidc.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { AwsctlError } from '../../src/errors.ts';
import { pollOutcome, runDeviceFlow } from '../../src/sso/device-flow.ts';
import type { DevicePoll } from '../../src/sso/device-flow.ts';
import type { SsoRegistration } from '../../src/cache/sso-token-cache.ts';

const START = 'https://d-1.awsapps.com/start';

async function setup(sequence: PollAnswer[]): Promise<{ fake: FakeSsoOidc; registration: SsoRegistration; call: ReturnType<typeof clientContext> }> {
  const fake = await startFakeSsoOidc();
  fake.devicePollSequence = [...sequence];
  const call = clientContext();
  const client = await registerClient(call, { endpoint: fake.url }, { clientName: 'test' });
  return { fake, call, registration: { clientId: client.clientId, clientSecret: client.clientSecret, expiresAt: '2031-01-01T00:00:00Z' } };
}

const deviceTokenCalls = (fake: FakeSsoOidc) =>
  fake.requests.filter((r) => r.path === '/token' && JSON.parse(r.body).grantType === 'urn:ietf:params:oauth:grant-type:device_code');

test('pending polls keep going; slow_down makes every later wait 5 s longer', async () => {
  const { fake, registration, call } = await setup(['authorization_pending', 'slow_down', 'authorization_pending']);
  try {
    const polls: DevicePoll[] = [];
    const prompts: string[] = [];
    const token = await runDeviceFlow(
      { call, oidc: { endpoint: fake.url }, prompt: async (a) => void prompts.push(a.userCode), onPoll: (p) => polls.push(p) },
      START,
      registration,
    );
    assert.ok(fake.accessTokens.has(token.accessToken));
    assert.deepEqual(prompts, ['FAKE-CODE']);
    assert.equal(deviceTokenCalls(fake).length, 4);
    // The fake says interval 1: 1 s, 1 s, then (after slow_down) 6 s, 6 s.
    assert.deepEqual(call.sleeps, [1000, 1000, 6000, 6000]);
    assert.deepEqual(
      polls.map((p) => [p.intervalSeconds, p.answer]),
      [
        [1, 'authorization_pending'],
        [1, 'slow_down'],
        [6, 'authorization_pending'],
        [6, 'token'],
      ],
    );
  } finally {
    await fake.close();
  }
});

test('expired_token ends the flow with "the code expired, run login again"', async () => {
  const { fake, registration, call } = await setup(['authorization_pending', 'expired_token']);
  try {
    await assert.rejects(runDeviceFlow({ call, oidc: { endpoint: fake.url }, prompt: async () => {} }, START, registration), (e: unknown) => {
      assert.ok(e instanceof AwsctlError);
      assert.match(e.message, /the code expired, run login again/);
      return true;
    });
    assert.equal(deviceTokenCalls(fake).length, 2);
  } finally {
    await fake.close();
  }
});

test('access_denied ends the flow at once', async () => {
  const { fake, registration, call } = await setup(['access_denied']);
  try {
    await assert.rejects(runDeviceFlow({ call, oidc: { endpoint: fake.url }, prompt: async () => {} }, START, registration), /denied/);
    assert.equal(deviceTokenCalls(fake).length, 1);
  } finally {
    await fake.close();
  }
});

test('the code\'s own lifetime bounds the loop even if the service says "pending" forever', async () => {
  const { fake, registration } = await setup(Array.from({ length: 1000 }, () => 'authorization_pending' as const));
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const call = { ...clientContext(), now: () => new Date(clock), sleep: async (ms: number) => void (clock += ms) };
  try {
    await assert.rejects(runDeviceFlow({ call, oidc: { endpoint: fake.url }, prompt: async () => {} }, START, registration), /code expired/);
    // expiresIn 600 with 1 s waits: about 600 polls, never the 1000 scripted.
    const polls = deviceTokenCalls(fake).length;
    assert.ok(polls >= 590 && polls <= 600, `polls: ${polls}`);
  } finally {
    await fake.close();
  }
});

test('pollOutcome: the decision table', () => {
  const err = (oauthError: string | undefined, code: string) =>
    new AwsServiceError({ service: 'sso-oidc', operation: 'CreateToken', status: 400, code, message: '', oauthError });
  assert.deepEqual(pollOutcome(err('authorization_pending', 'AuthorizationPendingException'), 5, START), { continueWith: 5 });
  assert.deepEqual(pollOutcome(err('slow_down', 'SlowDownException'), 5, START), { continueWith: 10 });
  // Only the exception name (no OAuth body): the same decisions.
  assert.deepEqual(pollOutcome(err(undefined, 'SlowDownException'), 7, START), { continueWith: 12 });
  assert.ok('stop' in pollOutcome(err('expired_token', 'ExpiredTokenException'), 5, START));
  const other = err('invalid_grant', 'InvalidGrantException');
  assert.deepEqual(pollOutcome(other, 5, START), { stop: other });
  const network = new Error('socket hang up');
  assert.deepEqual(pollOutcome(network, 5, START), { stop: network });
});
