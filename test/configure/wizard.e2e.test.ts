// `awsctl configure` alone (issue 15 item 6): the AWS CLI's wizard on a real terminal (tmux),
// current values shown (keys masked), Enter keeps; without a terminal or with --no-input, a
// clear usage error naming the commands that take values as arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempHome } from '../helpers/cli.ts';
import { runInTmux } from '../assume/tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';

test('the wizard asks on the terminal, masks current keys, keeps what Enter keeps, writes the rest', {
  skip: skipWithoutTool('tmux'),
  timeout: 60_000,
}, async () => {
  const home = tempHome({
    '.aws/config': '# my settings\n[profile dev]\nregion = eu-west-1\n',
    '.aws/credentials': '[dev]\naws_access_key_id = AKIAOLDKEY0000000OLD1\naws_secret_access_key = old-secret-value-9876\n',
  });
  const tty = runInTmux(home, ['configure', '--profile', 'dev'], {});
  try {
    await tty.waitForScreen(/AWS Access Key ID \[\*\*\*\*OLD1\]:/);
    tty.type('AKIANEWKEY0000000NEW2');
    await tty.waitForScreen(/AWS Secret Access Key \[\*\*\*\*9876\]:/);
    tty.type('new-secret-value-5432');
    await tty.waitForScreen(/Default region name \[eu-west-1\]:/);
    tty.type('');
    await tty.waitForScreen(/Default output format \[None\]/);
    tty.type('json');
    const result = await tty.finished();
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    const screen = tty.screen();
    assert.ok(!screen.includes('new-secret-value-5432'), 'the secret is never echoed');
    assert.ok(!screen.includes('old-secret-value'), 'nor the old one');
    const credentials = readFileSync(join(home, '.aws/credentials'), 'utf8');
    assert.equal(credentials, '[dev]\naws_access_key_id = AKIANEWKEY0000000NEW2\naws_secret_access_key = new-secret-value-5432\n');
    assert.equal(readFileSync(join(home, '.aws/config'), 'utf8'), '# my settings\n[profile dev]\nregion = eu-west-1\noutput = json\n');
  } finally {
    tty.close();
  }
});

test('without a terminal or with --no-input: a usage error naming the non-interactive commands; a stray word gets a suggestion', async () => {
  const home = tempHome();
  for (const args of [['configure'], ['configure', '--no-input']]) {
    const result = await runCli(args, { home });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^awsctl: configure: it asks questions .* — without a terminal, use `awsctl configure set <key> <value> --profile <name>`.*`awsctl configure import --csv <file>`\n$/,
    );
  }
  const typo = await runCli(['configure', 'lst'], { home });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /did you mean 'configure list'\?/);
});
