// `awsctl login` end to end: the built CLI, a temp HOME, the fake OIDC service and portal.
// PKCE through a $BROWSER script, the device flow with pending polls, expiry, --no-input, the
// refresh of an expired token without a browser, and a token file written as the AWS CLI
// writes it being used as is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws } from '../fake-aws/index.ts';
import type { FakeAws } from '../fake-aws/index.ts';
import { runCli, tempHome, writeFiles } from '../helpers/cli.ts';
import { browserScript, existsSync, fileMode, readJson, sha1, tokenPath } from './helpers.ts';
import { SSO_CONFIG, START_URL } from '../helpers/fixtures.ts';

async function withFakes(fn: (fake: FakeAws) => Promise<void>): Promise<void> {
  const fake = await startFakeAws();
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

const TOKEN_KEYS = ['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'];

test("login (PKCE): the $BROWSER script approves, the token file is the AWS CLI's, the registration is reused", () =>
  withFakes(async (fake) => {
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    const browser = browserScript(home);
    const first = await runCli(['login', '--profile', 'dev'], { home, env: { ...fake.env, BROWSER: browser.path } });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    assert.match(first.stderr, /Signed in to corp; the token is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\./);
    const path = tokenPath(home);
    assert.equal(fileMode(path), 0o600);
    const text = readFileSync(path, 'utf8');
    const token = JSON.parse(text) as Record<string, string>;
    assert.deepEqual(Object.keys(token), TOKEN_KEYS);
    assert.equal(token.startUrl, START_URL);
    assert.ok(fake.ssoOidc.accessTokens.has(token.accessToken!));
    // Python's json.dumps spacing, no trailing newline: byte for byte what `aws sso login` writes.
    assert.equal(text, `{${TOKEN_KEYS.map((k) => `"${k}": ${JSON.stringify(token[k])}`).join(', ')}}`);
    const register = fake.ssoOidc.requests.filter((r) => r.path === '/client/register');
    assert.equal(register.length, 1);
    assert.deepEqual(JSON.parse(register[0]!.body).redirectUris, ['http://127.0.0.1/oauth/callback']);
    const opened = readFileSync(browser.log, 'utf8').trim();
    const authorize = new URL(opened);
    assert.equal(authorize.pathname, '/authorize');
    assert.match(authorize.searchParams.get('redirect_uri')!, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    const exchange = fake.ssoOidc.requests.filter((r) => r.path === '/token').map((r) => JSON.parse(r.body));
    assert.deepEqual(
      exchange.map((b) => b.grantType),
      ['authorization_code'],
    );
    // Second sign-in: the cached registration serves again; a new token replaces the old one.
    const second = await runCli(['sso', 'login', '--sso-session', 'corp'], { home, env: { ...fake.env, BROWSER: browser.path } });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(fake.ssoOidc.requests.filter((r) => r.path === '/client/register').length, 1);
    assert.notEqual(readJson(path).accessToken, token.accessToken);
  }));

test('login with no display: the device flow, URL and code on stderr, polls through "pending"', () =>
  withFakes(async (fake) => {
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    fake.ssoOidc.devicePollSequence = ['authorization_pending', 'authorization_pending'];
    const result = await runCli(['login', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /open this address in a browser on any device:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/device\n\nand enter the code:\n\n {2}FAKE-CODE\n/,
    );
    const polls = fake.ssoOidc.requests.filter((r) => r.path === '/token');
    assert.equal(polls.length, 3);
    const register = JSON.parse(fake.ssoOidc.requests.find((r) => r.path === '/client/register')!.body) as Record<string, unknown>;
    assert.equal(register.grantTypes, undefined, 'a device-code registration');
    const token = readJson(tokenPath(home));
    assert.ok(fake.ssoOidc.accessTokens.has(String(token.accessToken)));
    assert.deepEqual(Object.keys(token), TOKEN_KEYS);
  }));

test('device flow: an expired code is a clear error and nothing is written', () =>
  withFakes(async (fake) => {
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    fake.ssoOidc.devicePollSequence = ['authorization_pending', 'expired_token'];
    const result = await runCli(['login', '--use-device-code', '--no-browser', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^awsctl: sign-in failed: the code expired .* — the code expired, run login again\n$/m);
    assert.equal(existsSync(tokenPath(home)), false);
  }));

test('login --no-input fails clearly without contacting anything', () =>
  withFakes(async (fake) => {
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    const result = await runCli(['login', '--no-input', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^awsctl: cannot sign in: .*--no-input was given/);
    assert.equal(fake.ssoOidc.requests.length, 0);
  }));

test('a legacy profile (sso_start_url in the profile) signs in with the device flow; the file is named by the start URL', () =>
  withFakes(async (fake) => {
    const legacyUrl = 'https://legacy.awsapps.com/start';
    const home = tempHome({
      '.aws/config': `[profile old]\nsso_start_url = ${legacyUrl}\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = ReadOnly\n`,
    });
    const browser = browserScript(home);
    const result = await runCli(['login', '--profile', 'old'], { home, env: { ...fake.env, BROWSER: browser.path } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readJson(tokenPath(home, legacyUrl)).startUrl, legacyUrl);
    assert.equal(fake.ssoOidc.requests.filter((r) => r.path === '/device_authorization').length, 1);
  }));

/** Puts a client and a refresh token into the fake, as a previous sign-in would have. */
function seedFakeClient(fake: FakeAws): void {
  fake.ssoOidc.clients.set('seed-client', { secret: 'seed-secret', redirectUris: [], grantTypes: ['authorization_code', 'refresh_token'] });
  fake.ssoOidc.refreshTokens.add('seed-refresh');
}

function awsCliTokenFile(accessToken: string, expiresAt: string, extra = ''): string {
  // Exactly as botocore's JSONFileCache writes it: json.dumps, default separators, no newline.
  return `{"startUrl": "${START_URL}", "region": "eu-west-1", "accessToken": "${accessToken}", "expiresAt": "${expiresAt}", "clientId": "seed-client", "clientSecret": "seed-secret", "registrationExpiresAt": "2099-01-01T00:00:00Z"${extra}}`;
}

test('an expired token with a refresh token is refreshed without a browser; env and sso accounts work', () =>
  withFakes(async (fake) => {
    seedFakeClient(fake);
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    writeFiles(home, {
      [join('.aws', 'sso', 'cache', `${sha1('corp')}.json`)]: awsCliTokenFile('expired-token', '2020-01-01T00:00:00Z', ', "refreshToken": "seed-refresh"'),
    });
    const accounts = await runCli(['sso', 'accounts', '--sso-session', 'corp', '--json'], { home, env: fake.env });
    assert.equal(accounts.code, 0, accounts.stderr);
    const listed = JSON.parse(accounts.stdout) as Array<{ accountId: string; roles: string[] }>;
    assert.deepEqual(
      listed.map((a) => a.accountId),
      ['111111111111', '012345678901', '222222222222'],
    );
    const refreshed = readJson(tokenPath(home));
    assert.notEqual(refreshed.accessToken, 'expired-token');
    assert.ok(fake.ssoOidc.accessTokens.has(String(refreshed.accessToken)));
    assert.notEqual(refreshed.refreshToken, 'seed-refresh', 'the rotated refresh token is stored');
    assert.ok(Date.parse(String(refreshed.expiresAt)) > Date.now());
    const grants = fake.ssoOidc.requests.filter((r) => r.path === '/token').map((r) => JSON.parse(r.body).grantType);
    assert.deepEqual(grants, ['refresh_token']);
    // The role credentials of an SSO profile through the executor (GetRoleCredentials), with the refreshed token.
    const env = await runCli(['env', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, /export AWS_ACCESS_KEY_ID='ASIAPORT\d+';/);
    const getRole = fake.ssoPortal.requests.filter((r) => r.path === '/federation/credentials');
    assert.equal(getRole.length, 1);
    assert.equal(getRole[0]!.headers['x-amz-sso_bearer_token'], refreshed.accessToken);
    assert.deepEqual([getRole[0]!.query.account_id, getRole[0]!.query.role_name], ['111111111111', 'ReadOnly']);
  }));

test("both token loaders keep botocore's 15-minute window: 20 minutes left is used as is, 10 minutes left is refreshed", () =>
  withFakes(async (fake) => {
    seedFakeClient(fake);
    fake.ssoPortal.accessTokens.add('still-good-token');
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    const expiringIn = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const refreshes = () => fake.ssoOidc.requests.filter((r) => r.path === '/token').length;
    const writeToken = (minutes: number) =>
      writeFiles(home, {
        [join('.aws', 'sso', 'cache', `${sha1('corp')}.json`)]: awsCliTokenFile('still-good-token', expiringIn(minutes), ', "refreshToken": "seed-refresh"'),
      });

    writeToken(20);
    // The sso commands' loader (sso accounts) and the credential resolver's (process on an SSO profile).
    const accounts = await runCli(['sso', 'accounts', '--sso-session', 'corp', '--json'], { home, env: fake.env });
    assert.equal(accounts.code, 0, accounts.stderr);
    const proc = await runCli(['process', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(proc.code, 0, proc.stderr);
    assert.equal(refreshes(), 0, 'a token with 20 minutes left is not refreshed');
    assert.equal(readJson(tokenPath(home)).accessToken, 'still-good-token');

    writeToken(10);
    const accountsDue = await runCli(['sso', 'accounts', '--sso-session', 'corp', '--json'], { home, env: fake.env });
    assert.equal(accountsDue.code, 0, accountsDue.stderr);
    assert.equal(refreshes(), 1, 'sso accounts refreshes a token with 10 minutes left');
    assert.notEqual(readJson(tokenPath(home)).accessToken, 'still-good-token');

    fake.ssoOidc.refreshTokens.add('seed-refresh'); // the first refresh rotated it
    writeToken(10);
    rmSync(join(home, '.aws', 'cli', 'cache'), { recursive: true }); // role credentials from the first run
    const procDue = await runCli(['process', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(procDue.code, 0, procDue.stderr);
    assert.equal(refreshes(), 2, 'the resolver refreshes a token with 10 minutes left');
  }));

test('a token file written by the AWS CLI is used without any sign-in (process and whoami on an SSO profile)', () =>
  withFakes(async (fake) => {
    fake.ssoPortal.accessTokens.add('cli-written-token');
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    writeFileSync(join(home, 'placeholder'), '');
    writeFiles(home, { [join('.aws', 'sso', 'cache', `${sha1('corp')}.json`)]: awsCliTokenFile('cli-written-token', '2099-01-01T00:00:00Z') });
    const proc = await runCli(['process', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(proc.code, 0, proc.stderr);
    const json = JSON.parse(proc.stdout) as Record<string, unknown>;
    assert.equal(json.Version, 1);
    assert.match(String(json.AccessKeyId), /^ASIAPORT/);
    const who = await runCli(['whoami', '--profile', 'dev', '--json'], { home, env: fake.env });
    assert.equal(who.code, 0, who.stderr);
    assert.equal(fake.ssoOidc.requests.length, 0, 'no OIDC call: no login, no refresh');
    assert.ok(fake.ssoPortal.requests.every((r) => r.headers['x-amz-sso_bearer_token'] === 'cli-written-token'));
  }));

test('three logins at once open one browser: the others wait for the lock and take its token', () =>
  withFakes(async (fake) => {
    const home = tempHome({ '.aws/config': SSO_CONFIG });
    const browser = browserScript(home, 2);
    const env = { ...fake.env, BROWSER: browser.path };
    const results = await Promise.all([0, 1, 2].map(() => runCli(['login', '--profile', 'dev'], { home, env })));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(browser.log, 'utf8').trim().split('\n').length, 1);
    assert.equal(results.filter((r) => /by another awsctl/.test(r.stderr)).length, 2);
    assert.equal(fake.ssoOidc.requests.filter((r) => r.path === '/token').length, 1);
  }));
