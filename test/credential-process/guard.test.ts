import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsctlError } from '../../src/errors.ts';
import { enterProcessGuard, MAX_PROCESS_CHAIN_DEPTH, PROCESS_CHAIN_ENV, readProcessChain } from '../../src/resolve/credential-process-guard.ts';

test('the child environment keeps the parent environment and adds the profile to the chain', () => {
  const env = enterProcessGuard({ PATH: '/bin', GONE: undefined }, 'dev');
  assert.deepEqual(env, { PATH: '/bin', [PROCESS_CHAIN_ENV]: '["dev"]' });
  const nested = enterProcessGuard(env, 'base profile');
  assert.deepEqual(readProcessChain(nested), ['dev', 'base profile']);
});

test('a profile already being resolved by an outer awsctl is refused, naming the loop', () => {
  const env = { [PROCESS_CHAIN_ENV]: JSON.stringify(['x', 'y']) };
  assert.throws(
    () => enterProcessGuard(env, 'x'),
    (e: AwsctlError) => e instanceof AwsctlError && e.profile === 'x' && e.message.includes('x → y → x') && /credential_process/.test(e.message),
  );
  assert.doesNotThrow(() => enterProcessGuard(env, 'z'));
});

test('depth is capped even when every name is different', () => {
  const chain = Array.from({ length: MAX_PROCESS_CHAIN_DEPTH }, (_, i) => `p${i}`);
  assert.throws(() => enterProcessGuard({ [PROCESS_CHAIN_ENV]: JSON.stringify(chain) }, 'new'), /nested 8 deep/);
  assert.doesNotThrow(() => enterProcessGuard({ [PROCESS_CHAIN_ENV]: JSON.stringify(chain.slice(1)) }, 'new'));
});

test('a malformed chain value counts as empty rather than breaking awsctl', () => {
  for (const raw of ['', 'not json', '{"a":1}', '[1,"x"]']) {
    const chain = readProcessChain({ [PROCESS_CHAIN_ENV]: raw });
    assert.ok(Array.isArray(chain) && chain.every((n) => typeof n === 'string'), raw);
  }
  assert.deepEqual(readProcessChain({ [PROCESS_CHAIN_ENV]: '[1,"x"]' }), ['x']);
});
