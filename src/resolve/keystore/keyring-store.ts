// The OS keyring store: macOS Keychain, Windows Credential Manager, the Secret Service on Linux
// (gnome-keyring, KWallet, KeePassXC), through @napi-rs/keyring (the Rust `keyring` crate).
// One item per profile: service "awsctl", account = profile name, password = the entry's JSON.
// `secret-tool search service awsctl` shows them on Linux.
import { AwsctlError } from '../../errors.ts';
import { keyIdHint, parseStoredKeys, serializeStoredKeys, type StoredKeys, type StoredKeysInfo } from './entry.ts';
import { loadKeyringAddon, type KeyringAddon, type KeyringEntry } from './keyring-addon.ts';
import type { KeyStore, StoreContext } from './store.ts';

/** AWSCTL_KEYRING_SERVICE changes the service name (tests; two awsctl set-ups on one keyring). */
function keyringService(env: StoreContext['env']): string {
  return env.AWSCTL_KEYRING_SERVICE?.trim() || 'awsctl';
}

const OTHER_STORE_HINT =
  'start the OS keyring (on Linux a Secret Service such as gnome-keyring in a D-Bus session), or use the encrypted file store: --store file';

export function openKeyringStore(ctx: StoreContext): KeyStore {
  const addon = loadKeyringAddon(ctx.env);
  if ('missing' in addon) {
    throw new AwsctlError('keyring store', `the OS keyring cannot be used by this awsctl: ${addon.missing}`, {
      hint: 'use the encrypted file store: --store file (see README, "Keys out of plaintext")',
    });
  }
  const service = keyringService(ctx.env);
  const entry = (profile: string): KeyringEntry =>
    guard(`opening the keyring item for profile ${profile}`, () => new addon.Entry(service, profile, { linux: { store: 'secret-service' } }));
  return {
    name: 'keyring',
    async read(profile) {
      const text = guard(`reading the keys of profile ${profile}`, () => entry(profile).getPassword());
      return text === null ? undefined : parseStoredKeys(text, `keyring item ${service}/${profile}`);
    },
    async write(profile, keys: StoredKeys) {
      guard(`storing the keys of profile ${profile}`, () => entry(profile).setPassword(serializeStoredKeys(keys)));
    },
    async remove(profile) {
      return guard(`removing the keys of profile ${profile}`, () => entry(profile).deletePassword());
    },
    async list() {
      return listItems(addon, service);
    },
    async unlock() {
      guard('reaching the keyring', () => addon.findCredentials(service));
    },
  };
}

function listItems(addon: KeyringAddon, service: string): StoredKeysInfo[] {
  const items = guard('listing the stored keys', () => addon.findCredentials(service));
  return items.map(({ account, password }) => {
    try {
      const keys = parseStoredKeys(password, account);
      return { profile: account, store: 'keyring' as const, keyIdHint: keyIdHint(keys.accessKeyId), created: keys.created || undefined };
    } catch {
      return { profile: account, store: 'keyring' as const, keyIdHint: '(unreadable)' };
    }
  });
}

/** Keyring failures (no Secret Service, locked, denied) as one clear error naming the other store. */
function guard<T>(doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AwsctlError) throw error;
    // The addon's messages name the platform failure ("Couldn't access platform storage: …"); they
    // never carry the password.
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AwsctlError('keyring store', `${doing} failed: ${why}`, { hint: OTHER_STORE_HINT });
  }
}
