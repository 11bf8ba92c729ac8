// `awsctl keys add --profile X`: asks for the key id and the secret (hidden) on the terminal, or
// reads them from standard input (two lines) so that they never touch argv or shell history;
// stores them; reads them back; then wires the profile so every SDK reaches them through
// `credential_process = awsctl process --profile X`.
import { AwsctlError, usageError } from '../errors.ts';
import type { Context } from '../io/context.ts';
import { loadProfileFiles } from '../profile/load.ts';
import { editProfileFiles } from '../profile/edit-files.ts';
import type { KeyStoreName } from '../plan/stored-keys-settings.ts';
import { checkAccessKeyId, checkSecretAccessKey, keyIdHint, type StoredKeys } from '../resolve/keystore/entry.ts';
import { assertProfileCanHoldKeys, dropCachedSession, storeOfProfile } from './profile-check.ts';
import { valueIn, wireStoredKeys } from './profile-wiring.ts';
import { openKeyStore, type KeyStore } from '../resolve/keystore/store.ts';

interface AddRequest {
  profile: string;
  store: KeyStoreName;
}

export async function addKeys(ctx: Context, request: AddRequest): Promise<void> {
  const loaded = loadProfileFiles(ctx, { profileFlag: request.profile });
  assertProfileCanHoldKeys(loaded.set, request.profile);
  if (
    valueIn(loaded.credentials.doc, 'credentials', request.profile, 'aws_access_key_id') !== undefined ||
    valueIn(loaded.config.doc, 'config', request.profile, 'aws_access_key_id') !== undefined
  ) {
    throw new AwsctlError(`profile ${request.profile}`, 'it has keys in plaintext in the profile files', {
      hint: `move them into the store with awsctl keys import --profile ${request.profile}`,
    });
  }
  // The store is opened and unlocked before anything is asked: nobody types a secret only to hear the keyring is down.
  const store = await openKeyStore(ctx, request.store);
  await store.unlock();
  const keys = await readKeysFromPerson(ctx);
  await storeAndWire(ctx, store, request.profile, keys);
  const previous = storeOfProfile(loaded.set, request.profile);
  if (previous !== undefined && previous !== request.store) await removeQuietly(ctx, previous, request.profile);
  dropCachedSession(ctx, loaded.set, request.profile, previous ?? request.store);
  ctx.stderr.write(`awsctl: stored key ${keyIdHint(keys.accessKeyId)} for profile ${request.profile} in the ${request.store} store\n`);
}

/** Stores, proves the store gives the same keys back, then writes the profile's wiring. */
async function storeAndWire(ctx: Context, store: KeyStore, profile: string, keys: StoredKeys): Promise<void> {
  await store.write(profile, keys);
  const back = await store.read(profile);
  if (back?.accessKeyId !== keys.accessKeyId || back.secretAccessKey !== keys.secretAccessKey) {
    throw new AwsctlError(`${store.name} store`, `the keys of profile ${profile} did not read back as written`, {
      hint: 'nothing in the profile files was changed; try the other store (--store keyring|file)',
    });
  }
  await editProfileFiles(ctx, { config: (doc) => wireStoredKeys(doc, profile, store.name) });
}

async function removeQuietly(ctx: Context, name: KeyStoreName, profile: string): Promise<void> {
  try {
    await (await openKeyStore(ctx, name)).remove(profile);
  } catch (error) {
    ctx.stderr.write(
      `awsctl: warning: the old entry of profile ${profile} in the ${name} store could not be removed: ${error instanceof AwsctlError ? error.why : 'unknown error'}\n`,
    );
  }
}

/** Two lines on standard input, or two questions on the terminal (the secret hidden). */
async function readKeysFromPerson(ctx: Context): Promise<StoredKeys> {
  let accessKeyId: string;
  let secretAccessKey: string;
  if (ctx.stdin && !ctx.stdin.isTTY) {
    const lines = (await ctx.stdin.readAll()).split(/\r?\n/);
    accessKeyId = (lines[0] ?? '').trim();
    secretAccessKey = (lines[1] ?? '').trim();
  } else {
    accessKeyId = (await ctx.prompt.text('AWS access key id:')).trim();
    const problem = checkAccessKeyId(accessKeyId);
    if (problem) throw usageError('the access key id', problem, 'copy it from the IAM console or the access key CSV');
    secretAccessKey = (await ctx.prompt.secret('AWS secret access key (input hidden):')).trim();
  }
  const idProblem = checkAccessKeyId(accessKeyId);
  if (idProblem) throw usageError('the access key id', idProblem, 'give the key id on the first line and the secret on the second');
  const secretProblem = checkSecretAccessKey(secretAccessKey);
  if (secretProblem) throw usageError('the secret access key', secretProblem, 'give the key id on the first line and the secret on the second');
  return { accessKeyId, secretAccessKey, created: ctx.now().toISOString() };
}
