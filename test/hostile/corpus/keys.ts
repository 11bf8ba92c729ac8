// Bad input to the `keys` commands and to stored-keys profiles: damaged or hostile store files,
// wrong settings, missing entries, a keyring that cannot be reached. One clear line each, and
// nothing believed: a tampered entry or absurd key-derivation settings are refused, not used.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_KEY } from '../../helpers/fixtures.ts';
import type { HostileCase } from './types.ts';

const PASS = { AWSCTL_FILE_STORE_PASSPHRASE: 'hostile passphrase' };
const WIRED = (store: string) => `[profile me]\ncredential_process = awsctl process --profile me\nawsctl_key_store = ${store}\n`;
const STORE = '.aws/awsctl/keys.json';
const keysInput = `${BASE_KEY.id}\n${BASE_KEY.secret}\n`;

export const keysCases: HostileCase[] = [
  { name: 'keys add --store with an unknown store', args: ['keys', 'add', '--store', 'vault'], exit: 2, stderr: /vault/ },
  {
    name: 'keys add with nothing on standard input',
    args: ['keys', 'add', '--profile', 'me', '--store', 'file'],
    env: () => PASS,
    exit: 2,
    stderr: /the access key id: an access key id is 16 to 128 capital letters/,
  },
  {
    name: 'keys add with a profile name that cannot be a section',
    args: ['keys', 'add', '--profile', 'a]b', '--store', 'file'],
    env: () => PASS,
    exit: 2,
    stderr: /a\]b/,
  },
  {
    name: 'awsctl_key_store naming an unknown store',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': WIRED('vault') },
    exit: 1,
    stderr: /awsctl_key_store = vault is not keyring or file/,
  },
  {
    name: 'awsctl_session_duration out of range',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': `${WIRED('file')}awsctl_session_duration = 60\n` },
    exit: 1,
    stderr: /awsctl_session_duration = 60 is not a number of seconds from 900 to 129600/,
  },
  {
    name: 'awsctl_session_cache naming an unknown place',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': `${WIRED('file')}awsctl_session_cache = memory\n` },
    exit: 1,
    stderr: /awsctl_session_cache = memory is not file or store/,
  },
  {
    name: 'a stored-keys profile whose store has no entry',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': WIRED('file') },
    env: () => PASS,
    exit: 1,
    stderr: /the file store holds no keys for profile me — .*keys add --profile me --store file/,
  },
  {
    name: 'a file store that is not JSON',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': WIRED('file'), [STORE]: 'garbage' },
    env: () => PASS,
    exit: 1,
    stderr: /file store: .*keys.json cannot be read: it is not JSON/,
  },
  {
    name: 'a file store asking for a key derivation that would eat the memory',
    args: ['process', '--profile', 'me'],
    files: {
      '.aws/config': WIRED('file'),
      [STORE]: JSON.stringify({ version: 1, kdf: { name: 'scrypt', salt: 'AAAA', N: 2 ** 19, r: 8, p: 1 }, check: { iv: '', tag: '', data: '' }, entries: {} }),
    },
    env: () => PASS,
    exit: 1,
    stderr: /key derivation settings are missing or out of range/,
  },
  {
    name: 'a file store entry moved under another profile name is refused',
    args: ['process', '--profile', 'me', '--long-term-keys'],
    files: { '.aws/config': `${WIRED('file')}\n[profile other]\nregion = eu-west-1\n` },
    env: () => PASS,
    setup: async (r) => {
      const added = await r.run(['keys', 'add', '--profile', 'other', '--store', 'file'], { input: keysInput, env: PASS });
      if (added.code !== 0) throw new Error(added.stderr);
      const path = join(r.home, STORE);
      const store = JSON.parse(readFileSync(path, 'utf8'));
      store.entries.me = store.entries.other;
      writeFileSync(path, JSON.stringify(store));
    },
    exit: 1,
    stderr: /the entry of profile me in .* does not decrypt \(altered, or copied from another profile\)/,
  },
  {
    name: 'a stored-keys profile on the keyring without a session bus',
    args: ['process', '--profile', 'me'],
    files: { '.aws/config': WIRED('keyring') },
    env: () => ({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }),
    exit: 1,
    stderr: /^awsctl: profile me: keyring store: .* failed: .*DBus.* — .*--store file/,
  },
  {
    name: 'keys export without --show-secret',
    args: ['keys', 'export', '--profile', 'me'],
    files: { '.aws/config': WIRED('file') },
    exit: 2,
    stderr: /needs --show-secret/,
  },
  {
    name: 'keys rotate on a profile without stored keys',
    args: ['keys', 'rotate', '--profile', 'base'],
    files: { '.aws/config': '[profile base]\nregion = eu-west-1\n' },
    exit: 1,
    stderr: /no awsctl_key_store setting/,
  },
  {
    name: 'keys import of temporary keys',
    args: ['keys', 'import', '--profile', 'me', '--store', 'file'],
    files: { '.aws/credentials': `[me]\naws_access_key_id = ASIATEMPORARY0000001\naws_secret_access_key = x-secret-000000000000\naws_session_token = tok\n` },
    env: () => PASS,
    exit: 1,
    stderr: /only long-term keys are stored/,
  },
  {
    name: 'keys import of a profile without keys',
    args: ['keys', 'import', '--profile', 'me', '--store', 'file'],
    files: { '.aws/config': '[profile me]\nregion = eu-west-1\n' },
    env: () => PASS,
    exit: 1,
    stderr: /it has no aws_access_key_id and aws_secret_access_key/,
  },
  {
    name: 'keys remove under --no-input without --yes',
    args: ['keys', 'remove', '--profile', 'me', '--no-input'],
    files: { '.aws/config': WIRED('file') },
    exit: 2,
    stderr: /confirmation needed/,
  },
];
