// `awsctl keys import --profile X`: moves plaintext keys out of ~/.aws/credentials (and the
// config file, where some people keep them) into the store. Order: store, read back, then one
// locked edit of both files that removes every key line and wires the profile. A failure before
// the edit leaves the files as they were (the keys are then in both places, never in neither);
// the edit itself is atomic per file and writes no backup copy, so nothing is left behind.
import { AwsctlError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { editProfileFiles } from '../profile/edit-files.ts';
import { loadProfileFiles } from '../profile/load.ts';
import type { KeyStoreName } from '../plan/stored-keys-settings.ts';
import { checkAccessKeyId, checkSecretAccessKey, keyIdHint } from '../resolve/keystore/entry.ts';
import { assertProfileCanHoldKeys, dropCachedSession } from './profile-check.ts';
import { dropKeys, valueIn, wireStoredKeys } from './profile-wiring.ts';
import { openKeyStore } from '../resolve/keystore/store.ts';

export async function importKeys(ctx: Context, request: { profile: string; store: KeyStoreName }): Promise<void> {
  const { profile } = request;
  const loaded = loadProfileFiles(ctx, { profileFlag: profile });
  assertProfileCanHoldKeys(loaded.set, profile);
  const files = [loaded.credentials.doc ? 'credentials' : undefined, loaded.config.doc ? 'config' : undefined] as const;
  // The credentials file wins over the config file, as in the SDKs.
  const read = (key: string) => valueIn(loaded.credentials.doc, 'credentials', profile, key) ?? valueIn(loaded.config.doc, 'config', profile, key);
  const accessKeyId = read('aws_access_key_id');
  const secretAccessKey = read('aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new AwsctlError(
      `profile ${profile}`,
      `it has no aws_access_key_id and aws_secret_access_key in ${files.filter(Boolean).join(' or ') || 'the profile files'}`,
      { hint: `add new keys with awsctl keys add --profile ${profile}` },
    );
  }
  if (read('aws_session_token') !== undefined) {
    throw new AwsctlError(`profile ${profile}`, 'its keys are temporary (aws_session_token is set); only long-term keys are stored', {
      hint: 'temporary keys expire anyway: leave them, or remove them with awsctl configure unset',
    });
  }
  const problem = checkAccessKeyId(accessKeyId) ?? checkSecretAccessKey(secretAccessKey);
  if (problem)
    throw new AwsctlError(`profile ${profile}`, `its keys do not look like AWS keys: ${problem}`, { hint: 'fix them in the credentials file first' });
  const store = await openKeyStore(ctx, request.store);
  await store.write(profile, { accessKeyId, secretAccessKey, created: ctx.now().toISOString() });
  const back = await store.read(profile);
  if (back?.secretAccessKey !== secretAccessKey || back.accessKeyId !== accessKeyId) {
    throw new AwsctlError(`${store.name} store`, `the keys of profile ${profile} did not read back as written`, {
      hint: 'the profile files were not changed; try the other store (--store keyring|file)',
    });
  }
  await editProfileFiles(ctx, {
    config: (doc) => wireStoredKeys(dropKeys(doc, 'config', profile), profile, store.name),
    ...(loaded.credentials.path !== undefined && loaded.credentials.doc ? { credentials: (doc) => dropKeys(doc, 'credentials', profile) } : {}),
  });
  dropCachedSession(ctx, loaded.set, profile, store.name);
  ctx.stderr.write(`awsctl: moved key ${keyIdHint(accessKeyId)} of profile ${profile} into the ${store.name} store; the profile files no longer hold it\n`);
}
