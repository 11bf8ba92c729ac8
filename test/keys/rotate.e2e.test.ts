// `awsctl keys rotate` against a fake IAM (query protocol, SigV4 checked) that makes a new key
// usable only after a delay, and fails each step in turn: in no state is the last working key
// lost, and the message says what was left. The store-write failure is driven in-process with a
// store that refuses writes (the CLI's stores cannot be made to fail on cue when tests run as root).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeIam, iamError, type FakeIam } from '../fake-aws/iam.ts';
import { KEY, PASSPHRASE, keysInput, keysRig, type KeysRig } from './rig.ts';
import { rotateKeys } from '../../src/keys/rotate.ts';
import { createNodeContext } from '../../src/io/node-context.ts';
import type { KeyStore } from '../../src/resolve/keystore/store.ts';
import type { StoredKeys } from '../../src/resolve/keystore/entry.ts';
import { cleanEnv } from '../helpers/cli.ts';

const fileEnv = { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE };

async function rotateRig(usableAfterMs: number): Promise<{ r: KeysRig; iam: FakeIam; env: Record<string, string> }> {
  const r = await keysRig({ '.aws/config': '[profile me]\nregion = eu-west-1\n' });
  const iam = await startFakeIam(r.aws.sts, { usableAfterMs });
  iam.addUserKey(KEY.id, KEY.secret, 'stored-user');
  const env = { ...fileEnv, AWS_ENDPOINT_URL_IAM: iam.url, AWSCTL_KEY_USABLE_TIMEOUT: '3' };
  const added = await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env });
  assert.equal(added.code, 0, added.stderr);
  return { r, iam, env };
}

async function storedKeyId(r: KeysRig, env: Record<string, string>): Promise<string> {
  const out = await r.run(['keys', 'export', '--profile', 'me', '--show-secret', '--format', 'json'], { env });
  assert.equal(out.code, 0, out.stderr);
  return (JSON.parse(out.stdout) as Record<string, string>).AWS_ACCESS_KEY_ID!;
}

test('rotate: create, wait until the new key works, store it, delete the old one', async () => {
  const { r, iam, env } = await rotateRig(1500);
  try {
    const rotated = await r.run(['keys', 'rotate', '--profile', 'me'], { env: { ...env, AWSCTL_KEY_USABLE_TIMEOUT: '60' } });
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stderr, /rotated profile me: AKIA…0001 is stored in the file store, AKIA…0001 is deleted/);
    assert.deepEqual([...iam.keys.keys()], ['AKIAFAKEROTATED00001']);
    assert.equal(await storedKeyId(r, env), 'AKIAFAKEROTATED00001');
    assert.deepEqual(
      iam.calls.map((c) => [c.action, c.signedWith, c.signatureValid, c.scope]),
      [
        ['CreateAccessKey', KEY.id, true, 'iam/us-east-1'],
        ['DeleteAccessKey', 'AKIAFAKEROTATED00001', true, 'iam/us-east-1'],
      ],
    );
    assert.equal(iam.calls[1]!.params.AccessKeyId, KEY.id);
    const probes = r.aws.sts.calls.filter((c) => c.action === 'GetCallerIdentity');
    assert.ok(probes.length >= 2, `the new key was retried until it worked (${probes.length} calls)`);
    assert.ok(!rotated.stderr.includes('rotated/secret') && !rotated.stderr.includes(KEY.secret));
    // The session cache was dropped: the next process opens a session with the new key.
    const next = await r.run(['process', '--profile', 'me'], { env });
    assert.equal(next.code, 0, next.stderr);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').at(-1)?.signedWith, 'AKIAFAKEROTATED00001');
  } finally {
    await r.close();
    await iam.close();
  }
});

test('rotate: CreateAccessKey refused → nothing changed', async () => {
  const { r, iam, env } = await rotateRig(0);
  try {
    iam.fail.set('CreateAccessKey', iamError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2'));
    const rotated = await r.run(['keys', 'rotate', '--profile', 'me'], { env });
    assert.equal(rotated.code, 1);
    assert.match(rotated.stderr, /creating a new access key failed: .*LimitExceeded.*nothing changed: AKIA…0001 is still stored and active/);
    assert.deepEqual([...iam.keys.keys()], [KEY.id]);
    assert.equal(await storedKeyId(r, env), KEY.id);
  } finally {
    await r.close();
    await iam.close();
  }
});

test('rotate: the new key never works → it is deleted again, the old one stays stored', async () => {
  const { r, iam, env } = await rotateRig(Infinity);
  try {
    const rotated = await r.run(['keys', 'rotate', '--profile', 'me'], { env });
    assert.equal(rotated.code, 1);
    assert.match(rotated.stderr, /did not start working.*nothing changed: AKIA…0001 is still stored and active \(the new key AKIA…0001 was deleted again\)/);
    assert.deepEqual([...iam.keys.keys()], [KEY.id]);
    assert.equal(await storedKeyId(r, env), KEY.id);
  } finally {
    await r.close();
    await iam.close();
  }
});

test('rotate: the new key never works and deleting it fails too → says the new key is left in IAM', async () => {
  const { r, iam, env } = await rotateRig(Infinity);
  try {
    iam.fail.set('DeleteAccessKey', iamError(403, 'AccessDenied', 'not allowed'));
    const rotated = await r.run(['keys', 'rotate', '--profile', 'me'], { env });
    assert.equal(rotated.code, 1);
    assert.match(rotated.stderr, /AKIA…0001 is still stored and active; the new key AKIA…0001 exists in IAM but is not stored.*delete it in the IAM console/);
    assert.equal(await storedKeyId(r, env), KEY.id);
    assert.equal(iam.keys.size, 2);
  } finally {
    await r.close();
    await iam.close();
  }
});

test('rotate: deleting the old key fails → the new key is stored, and the old one is named as still active', async () => {
  const { r, iam, env } = await rotateRig(0);
  try {
    iam.fail.set('DeleteAccessKey', iamError(403, 'AccessDenied', 'not allowed'));
    const rotated = await r.run(['keys', 'rotate', '--profile', 'me'], { env });
    assert.equal(rotated.code, 1);
    assert.match(
      rotated.stderr,
      /deleting the old key AKIA…0001 failed: .*the new key AKIA…0001 is stored and works; the old key AKIA…0001 is still active in IAM/,
    );
    assert.equal(await storedKeyId(r, env), 'AKIAFAKEROTATED00001');
    const works = await r.run(['whoami', '--profile', 'me'], { env });
    assert.equal(works.code, 0, works.stderr);
  } finally {
    await r.close();
    await iam.close();
  }
});

test('rotate: the store refuses the new key → it is deleted again and the old key is still stored', async () => {
  const { r, iam, env } = await rotateRig(0);
  const entries = new Map<string, StoredKeys>([['me', { accessKeyId: KEY.id, secretAccessKey: KEY.secret, created: '2026-01-01T00:00:00Z' }]]);
  const store: KeyStore = {
    name: 'file',
    read: async (profile) => entries.get(profile),
    write: async (profile, keys) => {
      if (keys.accessKeyId !== KEY.id) throw new Error('disk full');
      entries.set(profile, keys);
    },
    remove: async () => false,
    list: async () => [],
    unlock: async () => {},
  };
  const real = createNodeContext({ debug: false, input: false });
  const errors: string[] = [];
  const ctx = {
    ...real,
    env: cleanEnv(r.home, { ...env, AWS_ENDPOINT_URL_STS: r.aws.sts.url }),
    stderr: { write: (t: string) => void errors.push(t), isTTY: false },
  };
  try {
    await assert.rejects(
      rotateKeys(ctx, { profile: 'me', store }),
      /storing the new key failed: disk full; nothing changed: AKIA…0001 is still stored and active \(the new key AKIA…0001 was deleted again\)/,
    );
    assert.equal(entries.get('me')?.accessKeyId, KEY.id);
    assert.deepEqual([...iam.keys.keys()], [KEY.id]);
  } finally {
    await r.close();
    await iam.close();
  }
});
