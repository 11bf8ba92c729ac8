// `awsctl keys rotate --profile X`: a new access key replaces the stored one, and at every step
// one working key stays stored.
//   1. iam:CreateAccessKey, signed with the stored keys.        fails → nothing changed
//   2. wait until the new key works: sts:GetCallerIdentity with it, retried with backoff (IAM is
//      eventually consistent; AWSCTL_KEY_USABLE_TIMEOUT seconds, default 120).
//                                                              fails → new key deleted again
//   3. store the new key (and read it back).                    fails → new key deleted again
//   4. iam:DeleteAccessKey of the old key, signed with the new.  fails → new key stored; the old
//      one still exists in IAM, and the message says how to delete it
// Each failure message says exactly which keys exist in IAM and which one is stored.
import type { AwsCredentials } from '../aws/types.ts';
import { AwsctlError } from '../errors.ts';
import { createRunState } from '../resolve/resolve.ts';
import { serviceTarget, stsTarget, type RunState } from '../resolve/state.ts';
import type { Context } from '../io/context.ts';
import { resolveIamEndpoint } from '../plan/aws-endpoints.ts';
import { keyIdHint, type StoredKeys } from '../resolve/keystore/entry.ts';
import { dropCachedSession, storeOfProfile } from './profile-check.ts';
import { openKeyStore, type KeyStore } from '../resolve/keystore/store.ts';

interface RotateRequest {
  profile: string;
  /** Tests inject a store; otherwise the one the profile names. */
  store?: KeyStore;
}

const DEFAULT_USABLE_TIMEOUT_SECONDS = 120;

export async function rotateKeys(ctx: Context, request: RotateRequest): Promise<void> {
  const { profile } = request;
  const state = createRunState(ctx, { profileFlag: profile });
  const storeName = storeOfProfile(state.profiles, profile);
  if (storeName === undefined && !request.store) {
    throw new AwsctlError(`profile ${profile}`, 'it has no stored keys (no awsctl_key_store setting)', {
      hint: `store them first: awsctl keys import --profile ${profile} or awsctl keys add --profile ${profile}`,
    });
  }
  const store = request.store ?? (await openKeyStore(ctx, storeName!));
  const old = await store.read(profile);
  if (!old) throw new AwsctlError(`profile ${profile}`, `the ${store.name} store holds no keys for it`, { hint: `awsctl keys add --profile ${profile}` });
  const oldCredentials: AwsCredentials = { accessKeyId: old.accessKeyId, secretAccessKey: old.secretAccessKey };
  const oldHint = keyIdHint(old.accessKeyId);
  const iam = await import('../aws/iam.ts');

  // 1. Create.
  const created = await iam.createAccessKey(ctx, await iamTarget(state, oldCredentials)).catch((error: unknown) => {
    throw failed(`creating a new access key failed: ${why(error)}`, `nothing changed: ${oldHint} is still stored and active`, error);
  });
  const fresh: StoredKeys = { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, created: ctx.now().toISOString() };
  const newHint = keyIdHint(fresh.accessKeyId);
  ctx.stderr.write(`awsctl: created ${newHint}; waiting until AWS accepts it\n`);

  const undo = async (what: string, error: unknown): Promise<never> => {
    try {
      await iam.deleteAccessKey(ctx, await iamTarget(state, oldCredentials), fresh.accessKeyId);
    } catch (deleteError) {
      throw failed(
        `${what}: ${why(error)}`,
        `${oldHint} is still stored and active; the new key ${newHint} exists in IAM but is not stored, and deleting it failed too (${why(deleteError)}): delete it in the IAM console`,
        error,
      );
    }
    throw failed(`${what}: ${why(error)}`, `nothing changed: ${oldHint} is still stored and active (the new key ${newHint} was deleted again)`, error);
  };

  // 2. Wait until the new key works.
  try {
    await waitUntilUsable(state, fresh);
  } catch (error) {
    return undo(`the new key ${newHint} did not start working`, error);
  }

  // 3. Store it.
  try {
    await store.write(profile, fresh);
    const back = await store.read(profile);
    if (back?.accessKeyId !== fresh.accessKeyId || back.secretAccessKey !== fresh.secretAccessKey) throw new Error('the store did not give the new key back');
  } catch (error) {
    // Say "nothing changed" only once the store is seen to hold the old key (put back if need be).
    const holdsOld = async () => (await store.read(profile).catch(() => undefined))?.secretAccessKey === old.secretAccessKey;
    if (
      (await holdsOld()) ||
      ((await store.write(profile, old).then(
        () => true,
        () => false,
      )) &&
        (await holdsOld()))
    ) {
      return undo('storing the new key failed', error);
    }
    throw failed(
      `storing the new key failed: ${why(error)}`,
      `both ${oldHint} and ${newHint} are active in IAM, but the ${store.name} store may hold neither: add one with awsctl keys add --profile ${profile}`,
      error,
    );
  }
  dropCachedSession(ctx, state.profiles, profile, store.name);

  // 4. Delete the old key, signed with the new one.
  try {
    await iam.deleteAccessKey(ctx, await iamTarget(state, { accessKeyId: fresh.accessKeyId, secretAccessKey: fresh.secretAccessKey }), old.accessKeyId);
  } catch (error) {
    throw failed(
      `deleting the old key ${oldHint} failed: ${why(error)}`,
      `the new key ${newHint} is stored and works; the old key ${oldHint} is still active in IAM: delete it in the IAM console or with aws iam delete-access-key`,
      error,
    );
  }
  ctx.stderr.write(`awsctl: rotated profile ${profile}: ${newHint} is stored in the ${store.name} store, ${oldHint} is deleted\n`);
}

async function iamTarget(state: RunState, credentials: AwsCredentials) {
  const endpoint = resolveIamEndpoint(state.region, state.endpointContext);
  state.ctx.debug(`iam: endpoint ${endpoint.url} (${endpoint.source}), signing region ${endpoint.signingRegion}`);
  return { ...(await serviceTarget(state, endpoint.url)), region: endpoint.signingRegion, credentials };
}

/** GetCallerIdentity with the new key until it answers, backing off from 1 s to 10 s. */
async function waitUntilUsable(state: RunState, keys: StoredKeys): Promise<void> {
  const { getCallerIdentity } = await import('../aws/sts.ts');
  const limitSeconds = Number(state.ctx.env.AWSCTL_KEY_USABLE_TIMEOUT ?? DEFAULT_USABLE_TIMEOUT_SECONDS);
  const deadline = state.ctx.now().getTime() + (Number.isFinite(limitSeconds) && limitSeconds >= 0 ? limitSeconds : DEFAULT_USABLE_TIMEOUT_SECONDS) * 1000;
  const target = {
    ...(await stsTarget(state)),
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    retry: { mode: 'standard' as const, maxAttempts: 1 },
  };
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      await getCallerIdentity(state.ctx, target);
      return;
    } catch (error) {
      const left = deadline - state.ctx.now().getTime();
      if (left <= 0) throw error;
      state.ctx.debug(`keys rotate: the new key is not accepted yet (${why(error)}); trying again`);
      await state.ctx.sleep(Math.min(delay + Math.floor(state.ctx.random() * 250), left));
    }
  }
}

function why(error: unknown): string {
  return error instanceof AwsctlError ? error.why : error instanceof Error ? error.message : String(error);
}

function failed(what: string, state: string, cause: unknown): AwsctlError {
  return new AwsctlError('keys rotate', `${what}; ${state}`, { cause });
}
