// `awsctl keys remove --profile X`: deletes the stored keys and takes the profile's wiring out
// of the config file (the profile's other settings stay). The keys are gone for good, so the
// command asks first (--yes to skip).
import { AwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { editProfileFiles } from '../profile/edit-files.ts';
import { loadProfileFiles } from '../profile/load.ts';
import type { KeyStoreName } from '../plan/stored-keys-settings.ts';
import { dropCachedSession, storeOfProfile } from './profile-check.ts';
import { unwireStoredKeys } from './profile-wiring.ts';
import { openKeyStore } from '../resolve/keystore/store.ts';

export async function removeKeys(
  ctx: Context,
  request: { profile: string; store?: KeyStoreName; confirm: (question: string) => Promise<void> },
): Promise<void> {
  const { profile } = request;
  const loaded = loadProfileFiles(ctx, { profileFlag: profile });
  const storeName = request.store ?? storeOfProfile(loaded.set, profile);
  if (storeName === undefined) {
    throw new AwsctlError(`profile ${profile}`, 'it has no stored keys (no awsctl_key_store setting)', {
      hint: 'awsctl keys list shows the stored keys; pass --store keyring|file to remove an entry that has no profile',
    });
  }
  const store = await openKeyStore(ctx, storeName);
  await request.confirm(`Delete the keys of profile ${profile} from the ${storeName} store? They cannot be recovered.`);
  const removed = await store.remove(profile);
  await editProfileFiles(ctx, { config: (doc) => unwireStoredKeys(doc, profile) });
  dropCachedSession(ctx, loaded.set, profile, storeName);
  ctx.stderr.write(
    removed
      ? `awsctl: removed the keys of profile ${profile} from the ${storeName} store\n`
      : `awsctl: the ${storeName} store had no keys for profile ${profile}; its wiring is gone from the config file\n`,
  );
}
