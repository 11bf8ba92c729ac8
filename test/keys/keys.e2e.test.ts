// `awsctl keys` through the built CLI against a real Secret Service (gnome-keyring in a private
// D-Bus session) and the encrypted file store: the keys go in, the profile is wired so the SDKs
// reach them, `process` hands out a GetSessionToken session signed with the stored keys (never
// the keys unless asked), and nothing of the secret is left in the profile files or output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasSecretServiceTools } from '../helpers/secret-service.ts';
import { skipUnless } from '../helpers/tools.ts';
import { KEY, PASSPHRASE, USER_ARN, keysInput, keysRig } from './rig.ts';

const missingTools = hasSecretServiceTools();
const noKeyring = skipUnless(missingTools === undefined, missingTools ?? '');
const fileEnv = { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE };

test('keyring: keys add stores the keys in the Secret Service, wires the profile, and process hands out a session', { skip: noKeyring }, async () => {
  const r = await keysRig({ '.aws/config': '# mine\n[profile me]\nregion = eu-west-1\n' }, { keyring: true });
  try {
    const added = await r.run(['keys', 'add', '--profile', 'me'], { input: keysInput });
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /stored key AKIA…0001 for profile me in the keyring store/);
    assert.equal(
      readFileSync(join(r.home, '.aws/config'), 'utf8'),
      '# mine\n[profile me]\nregion = eu-west-1\ncredential_process = awsctl process --profile me\nawsctl_key_store = keyring\n',
    );
    const seen = r.keyring!.secretTool(['lookup', 'service', 'awsctl', 'username', 'me']);
    assert.ok(seen.includes(KEY.secret), 'secret-tool sees the entry awsctl wrote');
    assert.deepEqual(r.filesContaining(KEY.secret), [], 'the secret is in no file under HOME');

    const listed = await r.run(['keys', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const list = JSON.parse(listed.stdout) as { keys: Array<{ profile: string; store: string; keyIdHint: string; wired: boolean }> };
    assert.deepEqual(
      list.keys.map((k) => [k.profile, k.store, k.keyIdHint, k.wired]),
      [['me', 'keyring', 'AKIA…0001', true]],
    );
    assert.ok(!listed.stdout.includes(KEY.secret) && !listed.stdout.includes(KEY.id));

    const first = await r.run(['process', '--profile', 'me']);
    assert.equal(first.code, 0, first.stderr);
    const creds = JSON.parse(first.stdout) as Record<string, string>;
    assert.match(creds.AccessKeyId!, /^ASIA/, 'a session, not the long-term key');
    assert.ok(creds.SessionToken && creds.Expiration);
    assert.ok(!first.stdout.includes(KEY.secret));
    const gst = r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken');
    assert.equal(gst.length, 1);
    assert.equal(gst[0]!.signedWith, KEY.id);
    assert.equal(gst[0]!.signatureValid, true, 'signed with the stored secret');

    const again = await r.run(['process', '--profile', 'me']);
    assert.equal(JSON.parse(again.stdout).AccessKeyId, creds.AccessKeyId, 'the cached session is reused');
    assert.equal(r.aws.sts.calls.length, 1);

    const cleared = await r.run(['cache', 'clear', '--profile', 'me']);
    assert.equal(cleared.code, 0, cleared.stderr);
    await r.run(['process', '--profile', 'me']);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').length, 2, 'cache clear --profile removed the session');

    const long = await r.run(['process', '--profile', 'me', '--long-term-keys']);
    assert.equal(long.code, 0, long.stderr);
    assert.deepEqual(JSON.parse(long.stdout), { Version: 1, AccessKeyId: KEY.id, SecretAccessKey: KEY.secret });

    const who = await r.run(['whoami', '--profile', 'me', '--json']);
    assert.equal(who.code, 0, who.stderr);
    assert.equal(JSON.parse(who.stdout).Arn, USER_ARN);
    assert.match(
      r.aws.sts.calls.filter((c) => c.action === 'GetCallerIdentity').at(-1)?.signedWith ?? '',
      /^ASIA/,
      'whoami called with the session, not the long-term key',
    );

    const removed = await r.run(['keys', 'remove', '--profile', 'me', '--yes']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(readFileSync(join(r.home, '.aws/config'), 'utf8'), '# mine\n[profile me]\nregion = eu-west-1\n');
    assert.throws(() => r.keyring!.secretTool(['lookup', 'service', 'awsctl', 'username', 'me']), 'the entry is gone from the keyring');
  } finally {
    await r.close();
  }
});

test('keys import moves the keys out of the credentials file without losing a byte of the rest', { skip: noKeyring }, async () => {
  const credentials = `# work keys\r\n[me]\r\naws_access_key_id = ${KEY.id}\r\naws_secret_access_key = ${KEY.secret}\r\n\r\n[other]\r\n; keep me\r\naws_access_key_id = AKIAOTHERKEY00000001\r\naws_secret_access_key = other-secret-0000000000000000\r\n`;
  const config =
    '[profile me]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = me\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n';
  const r = await keysRig({ '.aws/credentials': credentials, '.aws/config': config }, { keyring: true });
  try {
    const imported = await r.run(['keys', 'import', '--profile', 'me']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(
      readFileSync(join(r.home, '.aws/credentials'), 'utf8'),
      `# work keys\r\n\r\n[other]\r\n; keep me\r\naws_access_key_id = AKIAOTHERKEY00000001\r\naws_secret_access_key = other-secret-0000000000000000\r\n`,
    );
    assert.equal(
      readFileSync(join(r.home, '.aws/config'), 'utf8'),
      config.replace(
        'mfa_serial = arn:aws:iam::123456789012:mfa/me\n\n',
        'mfa_serial = arn:aws:iam::123456789012:mfa/me\ncredential_process = awsctl process --profile me\nawsctl_key_store = keyring\n\n',
      ),
    );
    assert.deepEqual(r.filesContaining(KEY.secret), [], 'no copy or backup of the secret is left under HOME');
    assert.deepEqual(r.filesContaining(KEY.id), []);

    // MFA: one GetSessionToken with the code; the role naming the same device is assumed with the
    // session and sends no code of its own.
    const env = await r.run(['env', '--profile', 'dev', '--token-code', '123456']);
    assert.equal(env.code, 0, env.stderr);
    const [gst, role] = r.aws.sts.calls;
    assert.equal(gst?.action, 'GetSessionToken');
    assert.deepEqual(
      [gst?.params.SerialNumber, gst?.params.TokenCode, gst?.signedWith, gst?.signatureValid],
      ['arn:aws:iam::123456789012:mfa/me', '123456', KEY.id, true],
    );
    assert.equal(role?.action, 'AssumeRole');
    assert.equal(role?.params.SerialNumber, undefined, 'the session carries the MFA');
    assert.match(role?.signedWith ?? '', /^ASIA/);
    assert.equal(role?.signatureValid, true);
    // A later run on the other profile reuses the cached MFA session: no new code needed.
    const me = await r.run(['process', '--profile', 'me', '--no-input']);
    assert.equal(me.code, 0, me.stderr);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').length, 1);
  } finally {
    await r.close();
  }
});

test('without a session bus the keyring store says so and names the file store, which works', async () => {
  const r = await keysRig({ 'other-config': '[profile kr]\ncredential_process = awsctl process --profile kr\nawsctl_key_store = keyring\n' });
  try {
    const failed = await r.run(['keys', 'add', '--profile', 'me'], { input: keysInput, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^awsctl: keyring store: .*--store file/m);
    assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
    assert.ok(!failed.stderr.includes(KEY.secret));

    const added = await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env: fileEnv });
    assert.equal(added.code, 0, added.stderr);
    const storePath = join(r.home, '.aws/awsctl/keys.json');
    assert.equal(statSync(storePath).mode & 0o777, 0o600);
    assert.equal(statSync(join(r.home, '.aws/awsctl')).mode & 0o777, 0o700);
    assert.deepEqual(r.filesContaining(KEY.secret), [], 'the file store holds the secret encrypted only');
    const stored = JSON.parse(readFileSync(storePath, 'utf8'));
    assert.equal(stored.kdf.name, 'scrypt');
    assert.ok(stored.kdf.N >= 2 ** 15);

    const wrong = await r.run(['process', '--profile', 'me'], { env: { AWSCTL_FILE_STORE_PASSPHRASE: 'wrong' } });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /file store: the passphrase does not open/);

    const ok = await r.run(['process', '--profile', 'me', '--debug'], { env: fileEnv });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(JSON.parse(ok.stdout).AccessKeyId, /^ASIA/);
    assert.ok(!ok.stderr.includes(KEY.secret) && !ok.stderr.includes(KEY.id) && !ok.stderr.includes(PASSPHRASE), 'no secret in --debug output');

    const listed = await r.run(['keys', 'list'], { env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^me\s+file\s+AKIA…0001/m);
    assert.equal(listed.stderr, '', 'no profile uses the keyring, so its absence is not worth a warning');
    const wiredToKeyring = await r.run(['keys', 'list'], {
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', AWS_CONFIG_FILE: join(r.home, 'other-config') },
    });
    assert.equal(wiredToKeyring.code, 0);
    assert.match(wiredToKeyring.stderr, /warning: the keyring store could not be read/);
    assert.match(wiredToKeyring.stdout, /^kr\s+keyring\s+-\s+-\s+store unavailable$/m);
  } finally {
    await r.close();
  }
});

test('keys add refuses a profile that is not keys, and plaintext keys (pointing at import)', async () => {
  const r = await keysRig({
    '.aws/config': '[profile role]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = me\n',
    '.aws/credentials': `[me]\naws_access_key_id = ${KEY.id}\naws_secret_access_key = ${KEY.secret}\n`,
  });
  try {
    const role = await r.run(['keys', 'add', '--profile', 'role', '--store', 'file'], { input: keysInput, env: fileEnv });
    assert.equal(role.code, 1);
    assert.match(role.stderr, /profile role: it sets role_arn/);
    const plain = await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env: fileEnv });
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /keys import --profile me/);
    const bad = await r.run(['keys', 'add', '--profile', 'new', '--store', 'file'], { input: 'not-a-key\nx\n', env: fileEnv });
    assert.equal(bad.code, 2);
    assert.ok(!bad.stderr.includes('not-a-key'), 'the input is not echoed');
  } finally {
    await r.close();
  }
});

test('awsctl_session_cache = store keeps the session beside the keys, not in ~/.aws/cli/cache', { skip: noKeyring }, async () => {
  const r = await keysRig({ '.aws/config': '[profile me]\nregion = eu-west-1\nawsctl_session_cache = store\n' }, { keyring: true });
  try {
    assert.equal((await r.run(['keys', 'add', '--profile', 'me'], { input: keysInput })).code, 0);
    const first = await r.run(['process', '--profile', 'me']);
    assert.equal(first.code, 0, first.stderr);
    const session = JSON.parse(first.stdout) as Record<string, string>;
    assert.match(session.AccessKeyId!, /^ASIA/);
    const again = await r.run(['process', '--profile', 'me', '--debug']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, first.stdout, 'the session came back from the store');
    assert.match(again.stderr, /session from the keyring store/);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').length, 1);
    assert.deepEqual(r.filesContaining(session.SecretAccessKey!), [], 'no file under HOME holds the session');
    assert.ok(r.keyring!.secretTool(['lookup', 'service', 'awsctl', 'username', 'me']).includes(session.SessionToken!), 'the keyring item holds it');
    const explain = await r.run(['explain', '--profile', 'me', '--json']);
    assert.match(explain.stdout, /"sessionCache": "store"/);
  } finally {
    await r.close();
  }
});

test('assume on a stored-keys profile with mfa_serial: one code opens the session, the role naming the same device sends none', async () => {
  const SERIAL = 'arn:aws:iam::123456789012:mfa/me';
  const r = await keysRig({ '.aws/config': `[profile me]\nregion = eu-west-1\nmfa_serial = ${SERIAL}\n` });
  try {
    assert.equal((await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env: fileEnv })).code, 0);
    const assumed = await r.run(
      ['assume', '--profile', 'me', 'arn:aws:iam::111122223333:role/Admin', '--mfa-serial', SERIAL, '--token-code', '123456', '--format', 'json'],
      { env: fileEnv },
    );
    assert.equal(assumed.code, 0, assumed.stderr);
    const [gst, role] = r.aws.sts.calls;
    assert.deepEqual([gst?.action, gst?.params.SerialNumber, gst?.params.TokenCode], ['GetSessionToken', SERIAL, '123456']);
    assert.deepEqual([role?.action, role?.params.SerialNumber, role?.params.TokenCode], ['AssumeRole', undefined, undefined]);
    assert.match(role?.signedWith ?? '', /^ASIA/);
  } finally {
    await r.close();
  }
});
