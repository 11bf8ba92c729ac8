// A stored-keys profile (`awsctl_key_store`, see src/keys/): the long-term keys live in the OS
// keyring or the encrypted file store, and what leaves awsctl is a sts:GetSessionToken session
// opened with them (with the profile's mfa_serial when it names one: one code per session, as
// aws-vault does), cached like every session in ~/.aws/cli/cache. The keys themselves are
// handed out only when asked for (--long-term-keys), or to sign a first role that asks for more
// than the hour a role assumed with session credentials may last.
//
// A cache hit needs neither the store nor its native addon nor a passphrase: the cache key is
// made of the profile's settings, not of the keys (`keys add/import/rotate/remove` drop the
// entry when the keys change).
import type { AwsCredentials } from '../../aws/types.ts';
import { SESSION_ROLE_MAX_SECONDS, sessionTokenCredentials } from '../mfa-session.ts';
import { AwsctlError } from '../../errors.ts';
import { sha1Hex } from '../../cache/sha1.ts';
import type { BaseSource, RoleHop, StaticKeys } from '../../plan/types.ts';
import type { RunState } from '../state.ts';

type StoredKeysBase = Extract<BaseSource, { kind: 'stored-keys' }>;

/** ~/.aws/cli/cache/<this>.json: the session of a stored-keys profile. */
export function storedSessionCacheKey(base: Pick<StoredKeysBase, 'profile' | 'store' | 'mfaSerial' | 'sessionDurationSeconds'>): string {
  return `awsctl-session-${sha1Hex(['stored-keys', base.store, base.profile, base.mfaSerial ?? '', String(base.sessionDurationSeconds ?? '')].join('\u0000'))}`;
}

export async function storedKeysCredentials(state: RunState, base: StoredKeysBase, firstHop?: RoleHop): Promise<AwsCredentials> {
  const longTerm = state.longTermKeys
    ? 'asked for with --long-term-keys'
    : (firstHop?.durationSeconds ?? 0) > SESSION_ROLE_MAX_SECONDS
      ? `role ${firstHop?.roleArn} asks for ${firstHop?.durationSeconds} s, more than a role assumed with session credentials may last`
      : undefined;
  if (longTerm !== undefined) {
    state.ctx.debug(`stored keys of profile ${base.profile}: handing out the long-term keys (${longTerm})`);
    const keys = await readStoredKeys(state, base);
    return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
  }
  if (base.sessionInStore) {
    const credentials = await sessionFromStore(state, base);
    if (base.mfaSerial !== undefined) (state.mfaCarried ??= new Set()).add(base.mfaSerial);
    return credentials;
  }
  const credentials = await sessionTokenCredentials(state, {
    profile: base.profile,
    ...(base.mfaSerial !== undefined ? { serial: base.mfaSerial } : {}),
    ...(base.sessionDurationSeconds !== undefined ? { durationSeconds: base.sessionDurationSeconds } : {}),
    cacheKey: storedSessionCacheKey(base),
    keys: () => readStoredKeys(state, base),
  });
  if (base.mfaSerial !== undefined) (state.mfaCarried ??= new Set()).add(base.mfaSerial);
  return credentials;
}

/**
 * `awsctl_session_cache = store`: the session lives in the store entry beside the keys, so no
 * session is written to ~/.aws/cli/cache. Every call then opens the store (no fast path; with the
 * file store, the passphrase each time). Under the same lock as the file cache's entry, so many
 * processes on an expired session still make one call and ask one MFA question.
 */
async function sessionFromStore(state: RunState, base: StoredKeysBase): Promise<AwsCredentials> {
  const [{ openKeyStore }, { withLock, lockPathFor }, { cliCachePath, isFresh }, { openSessionToken }] = await Promise.all([
    import('../keystore/store.ts'),
    import('../../cache/lock.ts'),
    import('../../cache/credential-cache.ts'),
    import('../mfa-session.ts'),
  ]);
  const store = await openKeyStore(state.ctx, base.store);
  const run = async (): Promise<AwsCredentials> => {
    const entry = await store.read(base.profile);
    if (!entry) throw noEntry(base);
    const held = entry.session;
    const expiration = held ? new Date(held.expiration) : undefined;
    if (held && expiration && !Number.isNaN(expiration.getTime()) && isFresh({ ...held, expiration }, state.ctx.now(), state.refreshWindowSeconds)) {
      state.ctx.debug(`stored keys of profile ${base.profile}: session from the ${base.store} store, expires ${expiration.toISOString()}`);
      return { accessKeyId: held.accessKeyId, secretAccessKey: held.secretAccessKey, sessionToken: held.sessionToken, expiration };
    }
    const produced = await openSessionToken(state, {
      profile: base.profile,
      ...(base.mfaSerial !== undefined ? { serial: base.mfaSerial } : {}),
      ...(base.sessionDurationSeconds !== undefined ? { durationSeconds: base.sessionDurationSeconds } : {}),
      keys: () => Promise.resolve({ accessKeyId: entry.accessKeyId, secretAccessKey: entry.secretAccessKey }),
    });
    const c = produced.credentials;
    if (c.sessionToken !== undefined && c.expiration !== undefined) {
      await store.write(base.profile, {
        ...entry,
        session: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration.toISOString() },
      });
      state.ctx.debug(`stored keys of profile ${base.profile}: session kept in the ${base.store} store`);
    }
    return c;
  };
  return state.home === undefined ? run() : withLock(lockPathFor(cliCachePath(state.home, storedSessionCacheKey(base))), run);
}

function noEntry(base: StoredKeysBase): AwsctlError {
  return new AwsctlError(`profile ${base.profile}`, `the ${base.store} store holds no keys for profile ${base.profile}`, {
    hint: `store them with awsctl keys add --profile ${base.profile} --store ${base.store} (awsctl keys list shows what is stored)`,
    profile: base.profile,
  });
}

async function readStoredKeys(state: RunState, base: StoredKeysBase): Promise<StaticKeys> {
  const { openKeyStore } = await import('../keystore/store.ts');
  const store = await openKeyStore(state.ctx, base.store);
  const keys = await store.read(base.profile);
  if (!keys) throw noEntry(base);
  return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
}
