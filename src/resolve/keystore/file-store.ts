// The encrypted file store, for machines without an OS keyring (headless Linux, containers,
// WSL): ~/.aws/awsctl/keys.json (AWSCTL_FILE_STORE to move it), 0600 in a 0700 folder, written
// atomically under a lock. Entries are sealed with AES-256-GCM under a key derived from a
// passphrase (file-crypto.ts). The passphrase is asked on the terminal, or read from
// AWSCTL_FILE_STORE_PASSPHRASE for automation (weaker: the environment of a process can be read
// by the same user and ends up in shell histories and CI logs).
//
// Listing and removing need no passphrase: each entry keeps its key id hint and date in clear
// beside the sealed keys (the key id hint is not a secret; the IAM console shows the same).
import { dirname, join } from 'node:path';
import { withLock } from '../../cache/lock.ts';
import { AwsctlError } from '../../errors.ts';
import { resolveHome } from '../../profile/locations.ts';
import { keyIdHint, parseStoredKeys, serializeStoredKeys, type StoredKeys, type StoredKeysInfo } from './entry.ts';
import { deriveKey, isScryptParams, isSealed, seal, tuneScrypt, unseal, type ScryptParams, type Sealed } from './file-crypto.ts';
import type { KeyStore, StoreContext } from './store.ts';

const PASSPHRASE_VARIABLE = 'AWSCTL_FILE_STORE_PASSPHRASE';
const CHECK_TEXT = 'awsctl file store';
const CHECK_AAD = '\u0000check';

interface FileEntry {
  sealed: Sealed;
  keyIdHint: string;
  created: string;
}

interface StoreFile {
  version: 1;
  kdf: ScryptParams;
  /** A known text sealed with the key: a wrong passphrase is told apart before anything is written. */
  check: Sealed;
  entries: Record<string, FileEntry>;
}

function fileStorePath(ctx: Pick<StoreContext, 'env' | 'platform' | 'homedir'>): string {
  const override = ctx.env.AWSCTL_FILE_STORE?.trim();
  if (override) return override;
  const home = resolveHome(ctx.env, ctx.platform, ctx.homedir());
  if (home === undefined) throw new AwsctlError('file store', 'no home folder is known', { hint: 'set HOME or AWSCTL_FILE_STORE' });
  return join(home, '.aws', 'awsctl', 'keys.json');
}

export function openFileStore(ctx: StoreContext): KeyStore {
  const path = fileStorePath(ctx);
  let key: { salt: string; key: Buffer } | undefined;
  let passphrase: string | undefined;

  const ask = async (creating: boolean): Promise<string> => {
    if (passphrase !== undefined) return passphrase;
    const fromEnv = ctx.env[PASSPHRASE_VARIABLE];
    if (fromEnv) return (passphrase = fromEnv);
    const first = await askPassphrase(ctx, creating ? `New passphrase for the awsctl file store ${path}` : `Passphrase of the awsctl file store ${path}`);
    if (creating && first !== (await askPassphrase(ctx, 'The same passphrase again'))) {
      throw new AwsctlError('file store', 'the two passphrases differ', { hint: 'run it again and type the same passphrase twice' });
    }
    return (passphrase = first);
  };

  /** The key that opens `file` (derived once per run), or a clear error for a wrong passphrase. */
  const keyFor = async (file: StoreFile): Promise<Buffer> => {
    if (key?.salt === file.kdf.salt) return key.key;
    const derived = deriveKey(await ask(false), file.kdf);
    if (unseal(derived, file.check, CHECK_AAD) !== CHECK_TEXT) {
      throw new AwsctlError('file store', `the passphrase does not open ${path}`, {
        hint: `type the passphrase the store was made with (or fix ${PASSPHRASE_VARIABLE}); the keyring store is --store keyring`,
      });
    }
    key = { salt: file.kdf.salt, key: derived };
    return derived;
  };

  const create = async (): Promise<{ file: StoreFile; key: Buffer }> => {
    const secret = await ask(true);
    const tuned = tuneScrypt(secret, (fn) => {
      const start = ctx.now().getTime();
      fn();
      return ctx.now().getTime() - start;
    });
    ctx.debug(`file store: new key derivation scrypt N=${tuned.params.N} r=${tuned.params.r} p=${tuned.params.p}`);
    key = { salt: tuned.params.salt, key: tuned.key };
    return { file: { version: 1, kdf: tuned.params, check: seal(tuned.key, CHECK_TEXT, CHECK_AAD), entries: {} }, key: tuned.key };
  };

  /** Read-modify-write under the lock; the passphrase is asked before the lock is taken. */
  const update = async (change: (file: StoreFile, key: () => Promise<Buffer>) => Promise<boolean>): Promise<void> => {
    const before = readStoreFile(ctx, path);
    const prepared = before ? { file: before, key: await keyFor(before) } : await create();
    await lock(path, async () => {
      const current = readStoreFile(ctx, path) ?? prepared.file;
      const keyOf = () => (current.kdf.salt === prepared.file.kdf.salt ? Promise.resolve(prepared.key) : keyFor(current));
      if (!(await change(current, keyOf))) return;
      ctx.fs.mkdirp(dirname(path), 0o700);
      ctx.fs.writeFileAtomic(path, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
    });
  };

  return {
    name: 'file',
    async read(profile) {
      const file = readStoreFile(ctx, path);
      const entry = file?.entries[profile];
      if (!file || !entry) return undefined;
      const text = unseal(await keyFor(file), entry.sealed, profile);
      if (text === undefined)
        throw new AwsctlError('file store', `the entry of profile ${profile} in ${path} does not decrypt (altered, or copied from another profile)`, {
          hint: `store the keys again: awsctl keys add --profile ${profile} --store file`,
        });
      return parseStoredKeys(text, `file store entry ${profile}`);
    },
    async write(profile, keys: StoredKeys) {
      await update(async (file, keyOf) => {
        file.entries[profile] = {
          sealed: seal(await keyOf(), serializeStoredKeys(keys), profile),
          keyIdHint: keyIdHint(keys.accessKeyId),
          created: keys.created,
        };
        return true;
      });
    },
    async remove(profile) {
      const file = readStoreFile(ctx, path);
      if (!file?.entries[profile]) return false;
      let removed = false;
      await lock(path, async () => {
        const current = readStoreFile(ctx, path);
        if (!current?.entries[profile]) return;
        delete current.entries[profile];
        ctx.fs.writeFileAtomic(path, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
        removed = true;
      });
      return removed;
    },
    async unlock() {
      // An existing store: the passphrase is asked and checked now. A new one asks when it is made.
      const file = readStoreFile(ctx, path);
      if (file) await keyFor(file);
    },
    async list(): Promise<StoredKeysInfo[]> {
      const file = readStoreFile(ctx, path);
      return Object.entries(file?.entries ?? {}).map(([profile, entry]) => ({
        profile,
        store: 'file' as const,
        keyIdHint: entry.keyIdHint,
        created: entry.created || undefined,
      }));
    },
  };
}

async function askPassphrase(ctx: StoreContext, message: string): Promise<string> {
  if (!ctx.interactive) {
    throw new AwsctlError('file store', `the passphrase is needed and --no-input was given`, {
      hint: `set ${PASSPHRASE_VARIABLE} (weaker: see README) or run it from a terminal`,
    });
  }
  let value: string;
  try {
    value = await ctx.prompt.secret(`${message} (input hidden):`);
  } catch (error) {
    if (error instanceof AwsctlError && error.exitCode !== 1) throw error;
    const why = error instanceof AwsctlError ? error.why : 'it could not be asked for';
    throw new AwsctlError('file store', `the passphrase is needed, but ${why}`, {
      hint: `run it from a terminal, or set ${PASSPHRASE_VARIABLE} (weaker: see README)`,
    });
  }
  if (value === '') throw new AwsctlError('file store', 'the passphrase was empty', { hint: 'type a passphrase' });
  return value;
}

function lock(path: string, fn: () => Promise<void>): Promise<void> {
  return withLock(join(dirname(path), `.keys.json.awsctl-lock`), fn);
}

function readStoreFile(ctx: StoreContext, path: string): StoreFile | undefined {
  const bytes = ctx.fs.readFile(path);
  if (bytes === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw unreadableStore(path, 'it is not JSON');
  }
  const v = value as Partial<StoreFile> | null;
  if (typeof v !== 'object' || v === null || v.version !== 1) throw unreadableStore(path, 'it is not an awsctl file store (version 1)');
  if (!isScryptParams(v.kdf) || !isSealed(v.check)) throw unreadableStore(path, 'its key derivation settings are missing or out of range');
  const entries = v.entries ?? {};
  if (typeof entries !== 'object' || Object.values(entries).some((e) => !isSealed((e as FileEntry | null)?.sealed)))
    throw unreadableStore(path, 'an entry is damaged');
  return { version: 1, kdf: v.kdf, check: v.check, entries: Object.assign(Object.create(null), entries) as Record<string, FileEntry> };
}

function unreadableStore(path: string, why: string): AwsctlError {
  return new AwsctlError('file store', `${path} cannot be read: ${why}`, { hint: 'restore it from a backup, or move it away and add the keys again' });
}
