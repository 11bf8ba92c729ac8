import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsctlError } from '../../src/errors.ts';
import { createCaseContext, dnsStub, FROZEN_NOW, PUBLIC_ADDRESS } from '../conformance/replay/case-context.ts';
import { createReplayingHttpClient, RUST_RULES } from '../conformance/replay/replaying-http.ts';

test('the case context has exactly the case environment and nothing of the host', async () => {
  const { ctx, output } = createCaseContext({
    env: { HOME: '/home', AWS_REGION: 'us-east-2' },
    fsRoot: undefined,
    http: createReplayingHttpClient([], RUST_RULES),
  });
  assert.deepEqual({ ...ctx.env }, { HOME: '/home', AWS_REGION: 'us-east-2' });
  assert.equal(ctx.env.PATH, undefined);
  assert.throws(() => ((ctx.env as Record<string, string>).HOME = '/elsewhere'));
  assert.equal(ctx.platform, 'linux');
  assert.equal(ctx.homedir(), undefined);
  assert.equal(ctx.now().toISOString(), '1970-01-01T00:00:00.000Z');
  ctx.now().setTime(5);
  assert.equal(ctx.now().getTime(), FROZEN_NOW.getTime(), 'callers cannot move the frozen clock');
  // Instant: the sleep is over before a zero-delay timer fires (a real one would take a minute).
  let slept = false;
  void ctx.sleep(60_000).then(() => (slept = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.equal(slept, true, 'sleeps are instant');
  assert.equal(ctx.random(), ctx.random());
  assert.equal(ctx.interactive, false);
  await assert.rejects(ctx.prompt.text('MFA code'), AwsctlError);
  assert.deepEqual(output.prompts, ['MFA code']);
  ctx.stdout.write('out');
  ctx.stderr.write('err');
  ctx.debug('dbg');
  assert.deepEqual([output.stdout, output.stderr, output.debug], [['out'], ['err'], ['dbg']]);
});

test('DNS stub: localhost is loopback, every other name is a public address', async () => {
  assert.deepEqual(await dnsStub('LOCALHOST'), ['127.0.0.1']);
  assert.deepEqual(await dnsStub('169.254.170.23.example'), [PUBLIC_ADDRESS]);
  const { ctx } = createCaseContext({ env: {}, fsRoot: undefined, http: createReplayingHttpClient([], RUST_RULES) });
  assert.deepEqual(await ctx.dnsLookup('localhost'), ['127.0.0.1']);
});

test('child processes run for real, get only the env they are given, and their stderr is captured', { skip: process.platform === 'win32' }, async () => {
  const { ctx, output } = createCaseContext({ env: {}, fsRoot: undefined, http: createReplayingHttpClient([], RUST_RULES) });
  const result = await ctx.processes.run(['echo aGk= | base64 --decode; echo oops >&2'], { env: {}, timeoutMs: 10_000, shell: true, passStderr: true });
  assert.equal(result.exitCode, 0);
  assert.equal(result.stdout, 'hi');
  assert.equal(output.stderr.join(''), 'oops\n');
});
