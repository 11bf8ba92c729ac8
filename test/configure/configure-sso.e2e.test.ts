// `awsctl configure sso` (issue 15 item 6) on a real terminal (tmux), against the fake
// IAM Identity Center: session questions, sign-in (PKCE through a $BROWSER script), a sorted,
// searchable account/role list, then the profile; the files hold exactly what `aws configure sso`
// would write. Without a terminal: a usage error naming the non-interactive commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/cli.ts';
import { runInTmux } from '../assume/tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { startFakeAws } from '../fake-aws/index.ts';
import { browserScript } from '../sso/helpers.ts';
import { START_URL } from '../helpers/fixtures.ts';
import { roleChoices } from '../../src/cli/commands/configure-sso.ts';

test('the role list is sorted by account name, then role, and searchable by id and email', () => {
  const choices = roleChoices([
    { accountId: '222222222222', accountName: 'Staging', emailAddress: 's@example.com', roles: ['ReadOnly', 'Admin'] },
    { accountId: '111111111111', accountName: 'Production', roles: ['ReadOnly'] },
  ]);
  assert.deepEqual(
    choices.map((c) => c.name),
    ['Production / ReadOnly', 'Staging / Admin', 'Staging / ReadOnly'],
  );
  assert.equal(choices[1]!.value, '222222222222/Admin');
  assert.equal(choices[1]!.description, '222222222222 · s@example.com');
});

test('configure sso: questions, sign-in, pick an account and role, the profile is written', { skip: skipWithoutTool('tmux'), timeout: 90_000 }, async () => {
  const fake = await startFakeAws();
  const home = tempHome({ '.aws/config': '# mine\n' });
  const browser = browserScript(home);
  const tty = runInTmux(home, ['configure', 'sso'], { ...fake.env, BROWSER: browser.path });
  try {
    await tty.waitForScreen(/SSO session name/);
    tty.type('corp');
    await tty.waitForScreen(/SSO start URL/);
    tty.type(START_URL);
    await tty.waitForScreen(/SSO region/);
    tty.type('eu-west-1');
    await tty.waitForScreen(/SSO registration scopes/);
    tty.type('');
    await tty.waitForScreen(/Account and role/);
    tty.type('ReadOnly');
    await tty.waitForScreen(/Profile name/);
    tty.type('');
    await tty.waitForScreen(/Default region for the profile/);
    tty.type('');
    const result = await tty.finished(60_000);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8');
    assert.match(config, /^# mine\n/);
    assert.match(
      config,
      new RegExp(
        `\\[sso-session corp\\]\\nsso_start_url = ${START_URL.replace(/[.]/g, '\\.')}\\nsso_region = eu-west-1\\nsso_registration_scopes = sso:account:access\\n`,
      ),
    );
    assert.match(config, /\[profile readonly-[a-z0-9-]+\]\nsso_session = corp\nsso_account_id = \d{12}\nsso_role_name = ReadOnly\nregion = eu-west-1\n/);
  } finally {
    tty.close();
    await fake.close();
  }
});

test('configure sso without a terminal: a usage error naming the non-interactive way', async () => {
  const result = await runCli(['configure', 'sso'], { home: tempHome() });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^awsctl: configure sso: .* — without a terminal, .*awsctl login --sso-session NAME.*awsctl sso populate/);
});
