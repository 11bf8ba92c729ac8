// `keys add` asked on a real terminal (tmux): the key id is asked, the secret is asked hidden,
// and a new file store asks for its passphrase twice, hidden. Nothing typed in secret appears on
// the screen, and the keys work afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInTmux } from '../assume/tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { keysRig } from './rig.ts';

// Values of their own: `tmux send-keys` carries what is typed in its argv, and the secrets scan
// (test/keys/secrets.test.ts) may be sampling every argv at the same moment.
const KEY = { id: 'AKIATERMINALKEY00001', secret: 'typed/at+the+terminal000000000000000001' };
const PASSPHRASE = 'typed at the terminal';

test('keys add on a terminal: key id asked, secret and passphrase hidden', { skip: skipWithoutTool('tmux') }, async () => {
  const r = await keysRig({ '.aws/config': '[profile me]\nregion = eu-west-1\n' });
  const tty = runInTmux(r.home, ['keys', 'add', '--profile', 'me', '--store', 'file'], {
    AWS_ENDPOINT_URL_STS: r.aws.sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    await tty.waitForScreen(/AWS access key id:/);
    tty.type(KEY.id);
    await tty.waitForScreen(/AWS secret access key \(input hidden\):/);
    tty.type(KEY.secret);
    await tty.waitForScreen(/New passphrase for the awsctl file store/);
    tty.type(PASSPHRASE);
    await tty.waitForScreen(/The same passphrase again/);
    tty.type(PASSPHRASE);
    const result = await tty.finished(60_000);
    assert.equal(result.code, 0, result.stderr);
    const screen = tty.screen();
    assert.ok(screen.includes(KEY.id), 'the key id is shown as typed');
    assert.ok(!screen.includes(KEY.secret), `the secret is not shown:\n${screen}`);
    assert.ok(!screen.includes(PASSPHRASE), 'the passphrase is not shown');
    assert.match(readFileSync(join(r.home, '.aws/config'), 'utf8'), /awsctl_key_store = file/);
    const process = await r.run(['process', '--profile', 'me', '--long-term-keys'], { env: { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE } });
    assert.equal(JSON.parse(process.stdout).SecretAccessKey, KEY.secret);
  } finally {
    tty.close();
    await r.close();
  }
});
