// The stores behind one interface: the OS keyring (keyring-store.ts) and an encrypted file
// (file-store.ts). Each is loaded on demand: the keyring's native addon and the file store's
// key derivation cost nothing to commands that do not touch them.
import type { Context } from '../../io/context.ts';
import type { KeyStoreName } from '../../plan/stored-keys-settings.ts';
import type { StoredKeys, StoredKeysInfo } from './entry.ts';

export interface KeyStore {
  name: KeyStoreName;
  /** undefined when the store has no entry for the profile. */
  read(profile: string): Promise<StoredKeys | undefined>;
  write(profile: string, keys: StoredKeys): Promise<void>;
  /** True when an entry was there and is gone. */
  remove(profile: string): Promise<boolean>;
  list(): Promise<StoredKeysInfo[]>;
  /** Proves the store can be used now (keyring reachable, passphrase right) before anyone types a secret. */
  unlock(): Promise<void>;
}

export type StoreContext = Pick<Context, 'env' | 'platform' | 'homedir' | 'fs' | 'now' | 'debug' | 'prompt' | 'interactive'>;

export async function openKeyStore(ctx: StoreContext, name: KeyStoreName): Promise<KeyStore> {
  if (name === 'keyring') return (await import('./keyring-store.ts')).openKeyringStore(ctx);
  return (await import('./file-store.ts')).openFileStore(ctx);
}

/** --store, else AWSCTL_KEY_STORE, else the keyring. */
export function chosenStore(flag: unknown, env: Context['env']): KeyStoreName | undefined {
  const value = typeof flag === 'string' ? flag : env.AWSCTL_KEY_STORE?.trim() || 'keyring';
  return value === 'keyring' || value === 'file' ? value : undefined;
}
