// The PKCE loopback server: a real server on 127.0.0.1, real requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpretCallback, startCallbackServer } from '../../src/io/loopback-server.ts';

test('interpretCallback: code with our state, wrong state, service error, other paths', () => {
  assert.deepEqual(interpretCallback('/oauth/callback?code=abc&state=S1', 'S1'), { kind: 'code', code: 'abc' });
  const wrong = interpretCallback('/oauth/callback?code=abc&state=S2', 'S1');
  assert.equal(wrong.kind, 'error');
  assert.equal(interpretCallback('/oauth/callback?state=S1', 'S1').kind, 'error');
  const denied = interpretCallback('/oauth/callback?error=access_denied&error_description=no%20thanks&state=S1', 'S1');
  assert.ok(denied.kind === 'error' && /access_denied: no thanks/.test(denied.error.message));
  assert.deepEqual(interpretCallback('/favicon.ico', 'S1'), { kind: 'ignore' });
});

test('a valid callback resolves the code and gets a success page; later ones are told it is done', async () => {
  const server = await startCallbackServer('STATE');
  try {
    assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const missing = await fetch(server.redirectUri.replace('/oauth/callback', '/favicon.ico'));
    assert.equal(missing.status, 404);
    const ok = await fetch(`${server.redirectUri}?code=C0DE&state=STATE`);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Signed in/);
    assert.equal(await server.code, 'C0DE');
    assert.equal((await fetch(`${server.redirectUri}?code=OTHER&state=STATE`)).status, 409);
  } finally {
    await server.close();
  }
});

test('a state mismatch answers 400 and fails the sign-in', async () => {
  const server = await startCallbackServer('STATE');
  try {
    const response = await fetch(`${server.redirectUri}?code=C0DE&state=FORGED`);
    assert.equal(response.status, 400);
    assert.match(await response.text(), /Sign-in failed/);
    await assert.rejects(server.code, /state that is not this sign-in's/);
  } finally {
    await server.close();
  }
});

test('no callback within the timeout: a clear error', async () => {
  const server = await startCallbackServer('STATE', 50);
  try {
    await assert.rejects(server.code, /did not come back within .* — run login again, or use --use-device-code/);
  } finally {
    await server.close();
  }
});
