// The pure parts of the keys feature, table-driven: the planner's reading of a stored-keys
// profile, the profile-file edits, the entry format, the file store's cryptography.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProfileChain } from '../../src/plan/profile-chain.ts';
import { isPlanError } from '../../src/plan/plan-error.ts';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import { dropKeys, unwireStoredKeys, wireStoredKeys } from '../../src/keys/profile-wiring.ts';
import { checkAccessKeyId, keyIdHint, parseStoredKeys, serializeStoredKeys } from '../../src/resolve/keystore/entry.ts';
import { deriveKey, isScryptParams, seal, tuneScrypt, unseal } from '../../src/resolve/keystore/file-crypto.ts';
import { storedSessionCacheKey } from '../../src/resolve/sources/stored-keys.ts';
import { addonTriple } from '../../src/resolve/keystore/keyring-addon.ts';
import { profileSet } from '../plan/profile-set.ts';

const WIRED = { credential_process: 'awsctl process --profile me', awsctl_key_store: 'keyring' };

test('planner: a stored-keys profile is its own base; a role on it chains to it; bad settings are named', () => {
  const set = profileSet({
    profiles: {
      me: { ...WIRED, mfa_serial: 'arn:aws:iam::1:mfa/me', awsctl_session_duration: '3600' },
      dev: { role_arn: 'arn:aws:iam::2:role/Dev', source_profile: 'me' },
      bad: { ...WIRED, awsctl_key_store: 'vault' },
      short: { ...WIRED, awsctl_session_duration: '60' },
      instore: { ...WIRED, awsctl_session_cache: 'store' },
    },
  });
  assert.deepEqual(resolveProfileChain(set, 'me', { explicit: true }).base, {
    kind: 'stored-keys',
    profile: 'me',
    store: 'keyring',
    mfaSerial: 'arn:aws:iam::1:mfa/me',
    sessionDurationSeconds: 3600,
    origin: { kind: 'config', file: '/home/test/.aws/config', line: 2 },
  });
  const dev = resolveProfileChain(set, 'dev', { explicit: true });
  assert.equal(dev.base.kind, 'stored-keys');
  assert.deepEqual(
    dev.hops.map((h) => h.roleArn),
    ['arn:aws:iam::2:role/Dev'],
  );
  assert.equal((resolveProfileChain(set, 'instore', { explicit: true }).base as { sessionInStore?: boolean }).sessionInStore, true);
  for (const [name, why] of [
    ['bad', /awsctl_key_store = vault is not keyring or file/],
    ['short', /awsctl_session_duration = 60/],
  ] as const) {
    assert.throws(
      () => resolveProfileChain(set, name, { explicit: true }),
      (error: unknown) => isPlanError(error) && why.test(error.why),
    );
  }
});

test('wiring edits change only their lines, and come off again', () => {
  const text = '# top\r\n[profile me]\r\nregion = eu-west-1 ; keep\r\n\r\n[profile other]\r\nregion = us-east-1\r\n';
  const wired = serializeIni(wireStoredKeys(parseIni(text), 'me', 'file'));
  assert.equal(
    wired,
    '# top\r\n[profile me]\r\nregion = eu-west-1 ; keep\r\ncredential_process = awsctl process --profile me\r\nawsctl_key_store = file\r\n\r\n[profile other]\r\nregion = us-east-1\r\n',
  );
  assert.equal(serializeIni(unwireStoredKeys(parseIni(wired), 'me')), text);
  // A credential_process that is not awsctl's own stays.
  const foreign = '[profile me]\ncredential_process = other-tool\nawsctl_key_store = file\n';
  assert.equal(serializeIni(unwireStoredKeys(parseIni(foreign), 'me')), '[profile me]\ncredential_process = other-tool\n');
  const creds = '[me]\naws_access_key_id = AKIA1\n# note\naws_secret_access_key = s\n[x]\na = b\n';
  assert.equal(serializeIni(dropKeys(parseIni(creds), 'credentials', 'me')), '[me]\n# note\n[x]\na = b\n');
  assert.equal(serializeIni(dropKeys(parseIni('[me]\naws_access_key_id = A\naws_secret_access_key = s\n\n[x]\na = b\n'), 'credentials', 'me')), '[x]\na = b\n');
});

test('entries: round trip, a damaged session is dropped, key ids checked and shown by their ends', () => {
  const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret/with+chars', created: '2026-01-01T00:00:00.000Z' };
  assert.deepEqual(parseStoredKeys(serializeStoredKeys(keys), 'x'), keys);
  assert.deepEqual(parseStoredKeys(JSON.stringify({ ...keys, session: { accessKeyId: 1 } }), 'x'), keys);
  assert.throws(
    () => parseStoredKeys('{"accessKeyId":"A"}', 'item'),
    (error: Error) => !error.message.includes('"A"'),
  );
  assert.equal(keyIdHint('AKIAIOSFODNN7EXAMPLE'), 'AKIA…MPLE');
  assert.equal(checkAccessKeyId('AKIAIOSFODNN7EXAMPLE'), undefined);
  assert.match(checkAccessKeyId('ASIAIOSFODNN7EXAMPLE') ?? '', /temporary/);
  assert.match(checkAccessKeyId('akia lower') ?? '', /capital letters/);
});

test('file store crypto: tuned to ≥ 100 ms by the given clock, sealed per entry, bound to its name', () => {
  let calls = 0;
  // A fake clock: 40 ms per derivation at 2^15, doubling with N, so tuning stops at 2^17.
  const tuned = tuneScrypt('pw', (fn) => {
    fn();
    return 40 * 2 ** calls++;
  });
  assert.equal(tuned.params.N, 2 ** 17);
  assert.ok(isScryptParams(tuned.params));
  assert.ok(tuned.key.equals(deriveKey('pw', tuned.params)));
  const sealed = seal(tuned.key, 'hello', 'me');
  assert.equal(unseal(tuned.key, sealed, 'me'), 'hello');
  assert.equal(unseal(tuned.key, sealed, 'other'), undefined, 'an entry moved to another name does not open');
  assert.equal(unseal(deriveKey('wrong', tuned.params), sealed, 'me'), undefined);
  assert.equal(unseal(tuned.key, { ...sealed, data: Buffer.from('x').toString('base64') }, 'me'), undefined);
  assert.notEqual(seal(tuned.key, 'hello', 'me').iv, sealed.iv, 'a fresh IV each time');
  for (const N of [2 ** 19, 3, 0]) assert.equal(isScryptParams({ ...tuned.params, N }), false);
});

test('session cache keys differ by every setting that changes the session; addon names follow napi-rs', () => {
  const base = { profile: 'me', store: 'keyring' as const };
  const keys = new Set([
    storedSessionCacheKey(base),
    storedSessionCacheKey({ ...base, store: 'file' }),
    storedSessionCacheKey({ ...base, profile: 'me2' }),
    storedSessionCacheKey({ ...base, mfaSerial: 'arn' }),
    storedSessionCacheKey({ ...base, sessionDurationSeconds: 900 }),
  ]);
  assert.equal(keys.size, 5);
  for (const key of keys) assert.match(key, /^awsctl-session-[0-9a-f]{40}$/);
  assert.equal(addonTriple('linux', 'x64', false), 'linux-x64-gnu');
  assert.equal(addonTriple('linux', 'arm64', true), 'linux-arm64-musl');
  assert.equal(addonTriple('win32', 'x64', false), 'win32-x64-msvc');
  assert.equal(addonTriple('darwin', 'arm64', false), 'darwin-arm64');
});
