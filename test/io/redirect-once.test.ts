// The one-time loopback redirect that hands a console sign-in URL to the browser: the random
// path answers a 302 once (no-store, no referrer), every other request a 404, and nothing
// within the timeout resolves `served` with false.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startRedirectOnce } from '../../src/io/redirect-once.ts';

const TARGET = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret-token';

test('the address redirects once, then stops answering', async () => {
  const redirect = await startRedirectOnce(TARGET, 10_000);
  try {
    const url = new URL(redirect.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.match(url.pathname, /^\/[0-9a-f]{48}$/);
    const wrong = await fetch(`${url.origin}/`, { redirect: 'manual' });
    assert.equal(wrong.status, 404);
    assert.doesNotMatch(await wrong.text(), /secret-token/);
    // One character off (never the path itself: a random path may end in 0).
    const guessed = await fetch(`${url.origin}${url.pathname.slice(0, -1)}${url.pathname.endsWith('0') ? '1' : '0'}`, { redirect: 'manual' });
    assert.equal(guessed.status, 404);
    await guessed.text();
    const right = await fetch(redirect.url, { redirect: 'manual' });
    assert.equal(right.status, 302);
    assert.equal(right.headers.get('location'), TARGET);
    assert.equal(right.headers.get('cache-control'), 'no-store');
    assert.equal(right.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(await redirect.served, true);
    await assert.rejects(fetch(redirect.url, { redirect: 'manual' }), 'the server is gone after one use');
  } finally {
    await redirect.close();
  }
});

test('no browser within the timeout: served is false and the server closes', async () => {
  const redirect = await startRedirectOnce(TARGET, 50);
  assert.equal(await redirect.served, false);
  await assert.rejects(fetch(redirect.url, { redirect: 'manual' }));
  await redirect.close();
});
