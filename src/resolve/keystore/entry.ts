// One stored entry: a profile's long-term access keys and when they were stored. Pure.
// The same JSON is the keyring password and, encrypted, the file store's entry.
import { AwsctlError } from '../../errors.ts';
import type { KeyStoreName } from '../../plan/stored-keys-settings.ts';

export interface StoredKeys {
  accessKeyId: string;
  /** Secret: never logged, printed or passed in argv. */
  secretAccessKey: string;
  /** ISO 8601: when these keys were stored (their age in `keys list`). */
  created: string;
  /** The GetSessionToken session, when the profile keeps it here (`awsctl_session_cache = store`). */
  session?: StoredSession;
}

interface StoredSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
}

/** What `keys list` shows: never a secret, and the key id only by its ends. */
export interface StoredKeysInfo {
  profile: string;
  store: KeyStoreName;
  keyIdHint: string;
  created?: string;
}

export function serializeStoredKeys(keys: StoredKeys): string {
  return JSON.stringify({
    version: 1,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    created: keys.created,
    ...(keys.session ? { session: keys.session } : {}),
  });
}

export function parseStoredKeys(text: string, where: string): StoredKeys {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw unreadable(where);
  }
  const v = value as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || typeof v.accessKeyId !== 'string' || typeof v.secretAccessKey !== 'string') throw unreadable(where);
  const keys: StoredKeys = { accessKeyId: v.accessKeyId, secretAccessKey: v.secretAccessKey, created: typeof v.created === 'string' ? v.created : '' };
  const session = v.session as Record<string, unknown> | undefined;
  // A damaged session is dropped (a new one is opened), never a reason to lose the keys.
  if (session && ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'].every((k) => typeof session[k] === 'string'))
    keys.session = session as unknown as StoredSession;
  return keys;
}

function unreadable(where: string): AwsctlError {
  // Nothing of the text goes into the message: it holds a secret.
  return new AwsctlError(where, 'the stored entry is not awsctl keys JSON', { hint: 'store the keys again with awsctl keys add' });
}

/** AKIA…WXYZ: enough to tell keys apart in a list, as the IAM console shows them. */
export function keyIdHint(accessKeyId: string): string {
  return accessKeyId.length > 8 ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}` : '****';
}

/** AWS access key ids: 16 to 128 word characters (IAM's AccessKeyIdType); long-term ones start AKIA. */
export function checkAccessKeyId(value: string): string | undefined {
  if (!/^[A-Z0-9]{16,128}$/.test(value)) return 'an access key id is 16 to 128 capital letters and digits (AKIA…)';
  if (value.startsWith('ASIA')) return 'ASIA… keys are temporary; only long-term keys (AKIA…) are stored';
  return undefined;
}

export function checkSecretAccessKey(value: string): string | undefined {
  if (value.length < 16 || /\s/.test(value)) return 'a secret access key is at least 16 characters without spaces';
  return undefined;
}
