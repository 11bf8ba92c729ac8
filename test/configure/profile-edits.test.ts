// Pure whole-profile edits: source_profile rewrites keep spacing and comments, self-references
// follow a rename, referrers are listed once, and a file without the profile is unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIni, serializeIni } from '../../src/ini/parse.ts';
import { removeProfile, renameProfile, sourceProfileReferrers } from '../../src/profile/profile-edits.ts';
import { profileNamesByFile } from '../../src/profile/profile-names.ts';

const CONFIG =
  '[profile base]\nsource_profile = base ; self\n[profile a]\nsource_profile=base   # why\n[profile a]\nsource_profile = base\n[profile b]\nsource_profile = based\n';

test('rename rewrites every source_profile naming the profile, self-references included, and nothing similar', () => {
  const out = serializeIni(renameProfile(parseIni(CONFIG), 'config', 'base', 'root'));
  assert.equal(
    out,
    '[profile root]\nsource_profile = root ; self\n[profile a]\nsource_profile=root   # why\n[profile a]\nsource_profile = root\n[profile b]\nsource_profile = based\n',
  );
});

test('referrers: other profiles only, once each, in file order', () => {
  assert.deepEqual(sourceProfileReferrers(parseIni(CONFIG), 'config', 'base'), ['a']);
  assert.deepEqual(sourceProfileReferrers(parseIni('[x]\nsource_profile = y\n'), 'credentials', 'y'), ['x']);
  assert.deepEqual(sourceProfileReferrers(parseIni('[x]\nsource_profile = y\n'), 'config', 'y'), [], '[x] is not a profile in the config file');
});

test('a file without the profile comes back as the same document', () => {
  const doc = parseIni('[profile other]\nregion = x\n');
  assert.equal(removeProfile(doc, 'config', 'nope'), doc);
  assert.equal(renameProfile(doc, 'config', 'nope', 'x'), doc);
});

test('profile names: config [profile x] and [default], credentials [x]; invalid names skipped', () => {
  const config = parseIni('[default]\n[profile a]\n[sso-session s]\n[services t]\n[bare]\n[profile "quoted name"]\n[profile default]\n');
  const credentials = parseIni('[b]\n[a]\n[profile c]\n');
  assert.deepEqual(profileNamesByFile(config, credentials), [
    { name: 'default', files: ['config'] },
    { name: 'a', files: ['config', 'credentials'] },
    { name: 'b', files: ['credentials'] },
  ]);
});
