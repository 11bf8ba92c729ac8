// SSO token cache: the project's own table of refresh decisions, the on-disk format, the
// registration file, and that no token or secret leaks into an error line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.ts';
import { createNodeFileSystem } from '../../src/io/node-fs.ts';
import { AwsctlError } from '../../src/errors.ts';
import {
  applyRefresh,
  asSsoToken,
  loadSsoToken,
  readSsoRegistration,
  readSsoToken,
  refreshBlocker,
  ssoRegistrationPath,
  ssoTokenPath,
  writeSsoRegistration,
  writeSsoToken,
} from '../../src/cache/sso-token-cache.ts';
import type { RefreshRequest, SsoToken } from '../../src/cache/sso-token-cache.ts';

const nodeFs = createNodeFileSystem();
const NOW = new Date('2026-03-01T12:00:00Z');
const full: SsoToken = {
  startUrl: 'https://d-123.awsapps.com/start',
  region: 'eu-west-1',
  accessToken: 'ACCESS-OLD',
  expiresAt: '2026-03-01T12:10:00Z',
  clientId: 'CLIENT',
  clientSecret: 'CLIENT-SECRET',
  registrationExpiresAt: '2026-06-01T00:00:00Z',
  refreshToken: 'REFRESH-OLD',
};

function setup(token: Record<string, unknown> | string): { path: string; home: string } {
  const home = tempDir();
  const path = ssoTokenPath(home, { sessionName: 'corp' });
  fs.mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  fs.writeFileSync(path, typeof token === 'string' ? token : JSON.stringify(token), { mode: 0o600 });
  return { path, home };
}

const table: Array<{ name: string; token: SsoToken; window: number | undefined; refresh: 'ok' | 'fail' | 'none'; expect: string | RegExp; calls: number }> = [
  { name: 'outside the window: used as is', token: { ...full, expiresAt: '2026-03-01T13:00:00Z' }, window: 900, refresh: 'ok', expect: 'ACCESS-OLD', calls: 0 },
  { name: 'inside the window: refreshed', token: full, window: 900, refresh: 'ok', expect: 'ACCESS-NEW', calls: 1 },
  { name: 'inside the window, refresh fails: old token still valid', token: full, window: 900, refresh: 'fail', expect: 'ACCESS-OLD', calls: 1 },
  {
    name: 'inside the window, no refresh token: old token',
    token: { ...full, refreshToken: undefined },
    window: 900,
    refresh: 'ok',
    expect: 'ACCESS-OLD',
    calls: 0,
  },
  {
    name: 'expired, refresh fails: error',
    token: { ...full, expiresAt: '2026-03-01T11:00:00Z' },
    window: 900,
    refresh: 'fail',
    expect: /expired at 2026-03-01T11:00:00Z and refreshing it failed: service unavailable/,
    calls: 1,
  },
  {
    name: 'expired, registration expired: error',
    token: { ...full, expiresAt: '2026-03-01T11:00:00Z', registrationExpiresAt: '2026-03-01T00:00:00Z' },
    window: 900,
    refresh: 'ok',
    expect: /client registration has expired/,
    calls: 0,
  },
  {
    name: 'expired, no refresher given: error',
    token: { ...full, expiresAt: '2026-03-01T11:00:00Z' },
    window: 900,
    refresh: 'none',
    expect: /no refresher/,
    calls: 0,
  },
  // botocore's window when none is given: refresh with fewer than 15 minutes (900 s) left, not before.
  {
    name: 'default window, 901 s left: used as is',
    token: { ...full, expiresAt: '2026-03-01T12:15:01Z' },
    window: undefined,
    refresh: 'ok',
    expect: 'ACCESS-OLD',
    calls: 0,
  },
  {
    name: 'default window, 20 minutes left: used as is',
    token: { ...full, expiresAt: '2026-03-01T12:20:00Z' },
    window: undefined,
    refresh: 'ok',
    expect: 'ACCESS-OLD',
    calls: 0,
  },
  {
    name: 'default window, 899 s left: refreshed',
    token: { ...full, expiresAt: '2026-03-01T12:14:59Z' },
    window: undefined,
    refresh: 'ok',
    expect: 'ACCESS-NEW',
    calls: 1,
  },
];

for (const row of table) {
  test(`loadSsoToken: ${row.name}`, async () => {
    const { path } = setup(JSON.parse(JSON.stringify(row.token)) as Record<string, unknown>);
    const requests: RefreshRequest[] = [];
    const refresh =
      row.refresh === 'none'
        ? undefined
        : async (r: RefreshRequest) => {
            requests.push(r);
            if (row.refresh === 'fail') throw new Error('service unavailable');
            return { accessToken: 'ACCESS-NEW', expiresIn: 3600, refreshToken: 'REFRESH-NEW' };
          };
    const load = loadSsoToken({
      fs: nodeFs,
      path,
      name: 'corp',
      now: () => NOW,
      refreshWindowSeconds: row.window,
      refresh,
      loginHint: 'run: awsctl login --sso-session corp',
    });
    if (typeof row.expect === 'string') {
      assert.equal((await load).accessToken, row.expect);
    } else {
      await assert.rejects(load, (e: unknown) => {
        assert.ok(e instanceof AwsctlError);
        assert.match(e.message, row.expect as RegExp);
        assert.match(e.message, /^SSO session corp: .* — run: awsctl login --sso-session corp$/);
        for (const secret of ['ACCESS-OLD', 'CLIENT-SECRET', 'REFRESH-OLD']) assert.ok(!e.message.includes(secret), `leaked ${secret}`);
        return true;
      });
    }
    assert.equal(requests.length, row.calls);
    if (row.calls) assert.deepEqual(requests[0], { region: 'eu-west-1', clientId: 'CLIENT', clientSecret: 'CLIENT-SECRET', refreshToken: 'REFRESH-OLD' });
  });
}

test('a refresh writes the whole file back, 0600, in the AWS CLI format', async () => {
  const { path } = setup({ ...full, extraField: 'kept' });
  const token = await loadSsoToken({ fs: nodeFs, path, name: 'corp', now: () => NOW, refresh: async () => ({ accessToken: 'ACCESS-NEW', expiresIn: 28800 }) });
  assert.equal(token.refreshed, true);
  assert.equal(token.expiresAt.toISOString(), '2026-03-01T20:00:00.000Z');
  const text = fs.readFileSync(path, 'utf8');
  assert.equal(
    text,
    '{"startUrl": "https://d-123.awsapps.com/start", "region": "eu-west-1", "accessToken": "ACCESS-NEW", "expiresAt": "2026-03-01T20:00:00Z", "clientId": "CLIENT", "clientSecret": "CLIENT-SECRET", "registrationExpiresAt": "2026-06-01T00:00:00Z", "extraField": "kept"}',
  );
  assert.equal(fs.statSync(path).mode & 0o777, 0o600);
  assert.deepEqual(fs.readdirSync(join(path, '..')), [path.split('/').pop()], 'no temp files left');
});

test('with a lock, a token refreshed by another process meanwhile is not refreshed again', async () => {
  const { path } = setup(full);
  let calls = 0;
  const token = await loadSsoToken({
    fs: nodeFs,
    path,
    name: 'corp',
    now: () => NOW,
    refresh: async () => {
      calls++;
      return { accessToken: 'MINE', expiresIn: 3600 };
    },
    // Stands in for withLock: while "waiting", another process wrote a fresh token.
    lock: async (fn) => {
      writeSsoToken(nodeFs, path, { ...full, accessToken: 'THEIRS', expiresAt: '2026-03-01T20:00:00Z' });
      return fn();
    },
  });
  assert.equal(token.accessToken, 'THEIRS');
  assert.equal(calls, 0);
});

test('missing or invalid token files: an error that says to sign in', async () => {
  for (const content of [undefined, '{"accessToken": "x"}', '{"expiresAt": "2030-01-01T00:00:00Z"}', 'garbage']) {
    const home = tempDir();
    const path = ssoTokenPath(home, { startUrl: 'https://d-123.awsapps.com/start' });
    if (content !== undefined) {
      fs.mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      fs.writeFileSync(path, content);
    }
    assert.equal(readSsoToken(nodeFs, path), undefined);
    await assert.rejects(
      loadSsoToken({ fs: nodeFs, path, name: 'https://d-123.awsapps.com/start', now: () => NOW }),
      /no cached sign-in.* — sign in with: awsctl login/,
    );
  }
});

test('applyRefresh and refreshBlocker are pure rules', () => {
  assert.equal(refreshBlocker(full, NOW), undefined);
  assert.match(refreshBlocker({ ...full, clientSecret: undefined, refreshToken: '' }, NOW)!, /no refreshToken, clientSecret/);
  const next = applyRefresh(full, { accessToken: 'N', expiresIn: 60, refreshToken: 'R2' }, NOW);
  assert.deepEqual({ a: next.accessToken, e: next.expiresAt, r: next.refreshToken }, { a: 'N', e: '2026-03-01T12:01:00Z', r: 'R2' });
  assert.equal(full.accessToken, 'ACCESS-OLD', 'input not mutated');
});

test('registration file: path from the botocore key, round trip, invalid is a miss', () => {
  const home = tempDir();
  const path = ssoRegistrationPath(home, { startUrl: 'https://d-123.awsapps.com/start', region: 'us-east-1' });
  assert.equal(path, join(home, '.aws', 'sso', 'cache', '334df8a025b4d748342a2fb4eaa316ea48c5576c.json'));
  const registration = { clientId: 'C', clientSecret: 'S', expiresAt: '2026-06-01T00:00:00Z', scopes: ['sso:account:access'] };
  writeSsoRegistration(nodeFs, path, registration);
  assert.equal(fs.readFileSync(path, 'utf8'), '{"clientId": "C", "clientSecret": "S", "expiresAt": "2026-06-01T00:00:00Z", "scopes": ["sso:account:access"]}');
  assert.deepEqual(readSsoRegistration(nodeFs, path), registration);
  fs.writeFileSync(path, '{"clientId": "C"}');
  assert.equal(readSsoRegistration(nodeFs, path), undefined);
});

test('a token file with an empty accessToken, or an impossible or numeric expiresAt, is no token', () => {
  assert.ok(asSsoToken({ accessToken: 'token', expiresAt: '2099-01-01T00:00:00Z' }));
  assert.equal(asSsoToken({ accessToken: '', expiresAt: '2099-01-01T00:00:00Z' }), undefined);
  assert.equal(asSsoToken({ accessToken: 'token', expiresAt: '2099-02-30T00:00:00Z' }), undefined);
  assert.equal(asSsoToken({ accessToken: 'token', expiresAt: 4102444800 }), undefined);
});
