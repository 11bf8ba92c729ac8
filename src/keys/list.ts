// `awsctl keys list`: every stored entry (profile, store, key id by its ends, age) and every
// profile wired to a store that has no entry. Never a secret; the file store needs no passphrase.
import { AwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { profileValue } from '../plan/settings.ts';
import { KEY_STORE_NAMES, KEY_STORE_SETTING, type KeyStoreName } from '../plan/stored-keys-settings.ts';
import { loadProfileFiles } from '../profile/load.ts';
import type { StoredKeysInfo } from '../resolve/keystore/entry.ts';
import { openKeyStore } from '../resolve/keystore/store.ts';

interface ListedKeys extends Omit<StoredKeysInfo, 'keyIdHint'> {
  keyIdHint: string | null;
  /** The config wires the profile to this store (false: an entry no profile uses). */
  wired: boolean;
}

interface KeysListing {
  entries: ListedKeys[];
  /** Stores that could not be read, with why (e.g. no Secret Service). */
  unavailable: { store: KeyStoreName; why: string }[];
}

export async function listKeys(ctx: Context, only?: KeyStoreName): Promise<KeysListing> {
  const set = loadProfileFiles(ctx).set;
  const wired = new Map<string, string>();
  for (const [name, section] of Object.entries(set.profiles)) {
    const store = profileValue(section, KEY_STORE_SETTING);
    if (store !== undefined) wired.set(name, store);
  }
  const listing: KeysListing = { entries: [], unavailable: [] };
  const stores = only ? [only] : KEY_STORE_NAMES;
  for (const name of stores) {
    try {
      const store = await openKeyStore(ctx, name);
      for (const info of await store.list()) listing.entries.push({ ...info, wired: wired.get(info.profile) === name });
    } catch (error) {
      if (!(error instanceof AwsctlError)) throw error;
      // A keyring nobody uses is not worth a warning on every headless machine.
      if (only === name || [...wired.values()].includes(name)) listing.unavailable.push({ store: name, why: error.why });
      else ctx.debug(`keys list: the ${name} store is not available (${error.why}); no profile uses it`);
    }
  }
  for (const [profile, store] of wired) {
    if ((only === undefined || only === store) && !listing.entries.some((e) => e.profile === profile && e.store === store)) {
      listing.entries.push({ profile, store: store as KeyStoreName, keyIdHint: null, wired: true });
    }
  }
  listing.entries.sort((a, b) => a.profile.localeCompare(b.profile) || a.store.localeCompare(b.store));
  return listing;
}

/** "3 days", "5 hours", "just now": the age people judge keys by (rotate after 90 days). */
export function describeAge(created: string | undefined, now: Date): string {
  if (!created) return 'unknown';
  const ms = now.getTime() - new Date(created).getTime();
  if (Number.isNaN(ms)) return 'unknown';
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `${days} day${days === 1 ? '' : 's'}`;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} hour${hours === 1 ? '' : 's'}`;
  return 'less than an hour';
}
