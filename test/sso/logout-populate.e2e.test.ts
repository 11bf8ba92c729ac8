// `sso logout` and `sso populate` end to end, with the built CLI and the fakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws } from '../fake-aws/index.ts';
import type { FakeAws } from '../fake-aws/index.ts';
import { runCli, tempHome } from '../helpers/cli.ts';
import { CACHE_KEYS } from '../helpers/cache-files.ts';
import { existsSync, sha1, tokenPath } from './helpers.ts';
import { SSO_CONFIG, START_URL } from '../helpers/fixtures.ts';

async function withFakes(fn: (fake: FakeAws) => Promise<void>): Promise<void> {
  const fake = await startFakeAws();
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

function signedIn(fake: FakeAws, files: Record<string, string> = {}, accessToken = 'live-token', session = 'corp'): string {
  fake.ssoPortal.accessTokens.add(accessToken);
  const token = `{"startUrl": "${START_URL}", "region": "eu-west-1", "accessToken": "${accessToken}", "expiresAt": "2099-01-01T00:00:00Z"}`;
  return tempHome({ '.aws/config': SSO_CONFIG, [join('.aws', 'sso', 'cache', `${sha1(session)}.json`)]: token, ...files });
}

const cliCache = (key: string) => join('.aws', 'cli', 'cache', `${key}.json`);
const SSO_ROLE_ENTRY =
  '{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAX", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z", "AccountId": "111111111111"}}';
const ASSUME_ROLE_ENTRY =
  '{"Credentials": {"AccessKeyId": "ASIAY", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00UTC"}, "AssumedRoleUser": {}, "ResponseMetadata": {}}';

test("sso logout --sso-session: Logout called, the token and that session's role credentials removed, others kept", () =>
  withFakes(async (fake) => {
    const devKey = CACHE_KEYS.ssoRoleReadOnlyCorp;
    const otherSession = CACHE_KEYS.ssoRoleReadOnlyElsewhere;
    const registration = join('.aws', 'sso', 'cache', 'a'.repeat(40) + '.json');
    const home = signedIn(fake, {
      [cliCache(devKey)]: SSO_ROLE_ENTRY,
      [cliCache(otherSession)]: SSO_ROLE_ENTRY,
      [cliCache('b'.repeat(40))]: ASSUME_ROLE_ENTRY,
      [registration]: '{"clientId": "c", "clientSecret": "s", "expiresAt": "2099-01-01T00:00:00Z"}',
    });
    const result = await runCli(['sso', 'logout', '--sso-session', 'corp'], { home, env: fake.env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Signed out of sso-session corp: removed 1 token file and 1 cached role credential\./);
    assert.deepEqual(fake.ssoPortal.loggedOut, ['live-token']);
    assert.equal(existsSync(tokenPath(home)), false);
    assert.equal(existsSync(join(home, cliCache(devKey))), false);
    assert.equal(existsSync(join(home, cliCache(otherSession))), true, "another session's role credentials stay");
    assert.equal(existsSync(join(home, cliCache('b'.repeat(40)))), true, 'assume-role entries stay');
    assert.equal(existsSync(join(home, registration)), true, 'the client registration stays (as with aws sso logout)');
  }));

test('sso logout with no session: every token (a dead one too) and every SSO role entry, like aws sso logout', () =>
  withFakes(async (fake) => {
    const home = signedIn(fake, {
      [join('.aws', 'sso', 'cache', `${sha1('other')}.json`)]:
        `{"startUrl": "${START_URL}", "region": "eu-west-1", "accessToken": "dead-token", "expiresAt": "2020-01-01T00:00:00Z"}`,
      [cliCache('c'.repeat(40))]: SSO_ROLE_ENTRY,
      [cliCache('d'.repeat(40))]: ASSUME_ROLE_ENTRY,
    });
    const result = await runCli(['sso', 'logout'], { home, env: fake.env });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /warning/, 'a 401 for the dead token is not worth a warning');
    assert.deepEqual(readdirSync(join(home, '.aws', 'sso', 'cache')), []);
    assert.deepEqual(readdirSync(join(home, '.aws', 'cli', 'cache')), [`${'d'.repeat(40)}.json`]);
    assert.deepEqual(fake.ssoPortal.loggedOut, ['live-token']);
    assert.equal(fake.ssoPortal.requests.filter((r) => r.path === '/logout').length, 2);
  }));

const HAND_WRITTEN = `# Hand-written; every byte of this must survive.
[default]
region=us-east-1

${SSO_CONFIG}
[profile staging-developer]   ; a name the generator would want
role_arn = arn:aws:iam::222222222222:role/Dev
source_profile = default
`;

test('sso populate: exact bytes, idempotent re-run, --dry-run diff, --prune removes only what it generated', () =>
  withFakes(async (fake) => {
    const home = signedIn(fake, { '.aws/config': HAND_WRITTEN });
    const configPath = join(home, '.aws', 'config');
    const dry = await runCli(['sso', 'populate', '--profile', 'dev', '--dry-run'], { home, env: fake.env });
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(readFileSync(configPath, 'utf8'), HAND_WRITTEN, '--dry-run writes nothing');
    assert.match(dry.stdout, new RegExp(`^--- ${configPath}\\n\\+\\+\\+ ${configPath} \\(after awsctl sso populate\\)\\n@@ -1\\d,\\d \\+1\\d,\\d+ @@\\n`));
    assert.match(dry.stdout, /^\+\[profile staging-222222222222-developer\]$/m);

    const first = await runCli(['sso', 'populate', '--sso-session', 'corp', '--region', 'eu-north-1'], { home, env: fake.env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /Profiles: 5 added, 0 updated, 0 unchanged\./);
    const block = (name: string, account: string, role: string) =>
      `# generated by awsctl sso populate (session corp)\n[profile ${name}]\nsso_session = corp\nsso_account_id = ${account}\nsso_role_name = ${role}\nregion = eu-north-1\n`;
    const expected = `${HAND_WRITTEN}\n${[
      block('production-administratoraccess', '111111111111', 'AdministratorAccess'),
      block('production-readonly', '111111111111', 'ReadOnly'),
      block('sandbox-developer', '012345678901', 'Developer'),
      block('sandbox-readonly', '012345678901', 'ReadOnly'),
      block('staging-222222222222-developer', '222222222222', 'Developer'),
    ].join('\n')}`;
    assert.equal(readFileSync(configPath, 'utf8'), expected);
    // The dry run showed exactly these lines being added.
    const added = dry.stdout
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    assert.deepEqual(added, expected.slice(HAND_WRITTEN.length).replaceAll('eu-north-1', 'eu-west-1').split('\n').slice(0, -1));

    const again = await runCli(['sso', 'populate', '--sso-session', 'corp'], { home, env: fake.env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 added, 0 updated, 5 unchanged/);
    assert.equal(readFileSync(configPath, 'utf8'), expected, 'a re-run changes nothing (and keeps the chosen region)');

    fake.ssoPortal.accounts = fake.ssoPortal.accounts.filter((a) => a.accountName !== 'Sandbox');
    const stale = await runCli(['sso', 'populate', '--sso-session', 'corp'], { home, env: fake.env });
    assert.match(stale.stderr, /2 generated profile\(s\) no longer match .* --prune removes them/);
    assert.equal(readFileSync(configPath, 'utf8'), expected);
    const pruned = await runCli(['sso', 'populate', '--sso-session', 'corp', '--prune'], { home, env: fake.env });
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stderr, /2 removed/);
    const after = readFileSync(configPath, 'utf8');
    assert.ok(after.startsWith(HAND_WRITTEN), 'the hand-written part is byte-identical');
    assert.doesNotMatch(after, /sandbox/);
    assert.match(after, /\[profile staging-222222222222-developer\]/);
    assert.match(after, /\[profile staging-developer\] {3}; a name the generator would want/);
  }));

test('sso accounts prints a table; without a sign-in it says how to sign in', () =>
  withFakes(async (fake) => {
    const home = signedIn(fake);
    const table = await runCli(['sso', 'accounts', '--profile', 'dev'], { home, env: fake.env });
    assert.equal(table.code, 0, table.stderr);
    assert.equal(table.stdout.split('\n')[0], 'ACCOUNT ID     ACCOUNT NAME   ROLE');
    assert.equal(table.stdout.trim().split('\n').length, 6);
    const empty = tempHome({ '.aws/config': SSO_CONFIG });
    const none = await runCli(['sso', 'accounts', '--profile', 'dev'], { home: empty, env: fake.env });
    assert.equal(none.code, 1);
    assert.match(none.stderr, /^awsctl: SSO session corp: there is no cached sign-in .* — sign in with: awsctl login --sso-session corp\n$/);
  }));
