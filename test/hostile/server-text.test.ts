// Text from servers reaches the terminal with control characters neutralised (issue 21, item 7):
// a portal's account and role names and any server's error message may carry escape sequences
// (set the terminal title, clear the screen, hide text); what awsctl prints shows them as
// visible escapes, and a role name that could not be a role name is not written to the config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws, type FakeAws } from '../fake-aws/index.ts';
import { json } from '../fake-aws/server.ts';
import { runCli, tempHome } from '../helpers/cli.ts';
import { sha1 } from '../sso/helpers.ts';
import { SSO_CONFIG, START_URL } from '../helpers/fixtures.ts';

// Sets the window title, clears the screen, then a bidi override that reorders what is shown.
const HOSTILE = '\x1b]0;pwned\x07\x1b[2J\x1b[H\u202etxt.exe';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u;

async function withSignedIn(fn: (fake: FakeAws, home: string) => Promise<void>): Promise<void> {
  const fake = await startFakeAws();
  try {
    fake.ssoPortal.accessTokens.add('live-token');
    const token = `{"startUrl": "${START_URL}", "region": "eu-west-1", "accessToken": "live-token", "expiresAt": "2099-01-01T00:00:00Z"}`;
    await fn(fake, tempHome({ '.aws/config': SSO_CONFIG, [join('.aws', 'sso', 'cache', `${sha1('corp')}.json`)]: token }));
  } finally {
    await fake.close();
  }
}

function assertInert(text: string, what: string): void {
  assert.doesNotMatch(text, CONTROL, `${what} carries a control character: ${JSON.stringify(text)}`);
}

test("a portal's error message with escape sequences is shown inert", () =>
  withSignedIn(async (fake, home) => {
    fake.ssoPortal.script({ kind: 'reply', ...json(400, { message: `bad request ${HOSTILE}` }, { 'x-amzn-errortype': 'InvalidRequestException' }) });
    const result = await runCli(['sso', 'accounts', '--sso-session', 'corp'], { home, env: fake.env });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /bad request/);
    assertInert(result.stderr, 'the error line');
    assert.match(result.stderr, /\\x1b\]0;pwned/, 'shown as a visible escape');
  }));

test('account and role names with escape sequences: inert in the table and in populate, never written to the config', () =>
  withSignedIn(async (fake, home) => {
    fake.ssoPortal.accounts.push({ accountId: '333333333333', accountName: `Evil ${HOSTILE}`, emailAddress: 'evil@example.com', roles: [`Admin${HOSTILE}`] });
    const table = await runCli(['sso', 'accounts', '--sso-session', 'corp'], { home, env: fake.env });
    assert.equal(table.code, 0, table.stderr);
    assertInert(table.stdout, 'sso accounts');

    const before = readFileSync(join(home, '.aws', 'config'), 'utf8');
    const dry = await runCli(['sso', 'populate', '--sso-session', 'corp', '--dry-run'], { home, env: fake.env });
    assert.equal(dry.code, 0, dry.stderr);
    assertInert(dry.stdout, 'populate --dry-run diff');
    assertInert(dry.stderr, 'populate warnings');
    const real = await runCli(['sso', 'populate', '--sso-session', 'corp'], { home, env: fake.env });
    assert.equal(real.code, 0, real.stderr);
    assertInert(real.stderr, 'populate warnings');
    const after = readFileSync(join(home, '.aws', 'config'), 'utf8');
    assert.notEqual(after, before, 'the good roles were written');
    assertInert(after, 'the config file');
    assert.match(real.stderr, /skipped Admin\\x1b\]0;pwned/, 'the bad role is skipped, and said so, inert');
  }));
