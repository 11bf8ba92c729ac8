// The normalizer's rules, one table row each, written for awsctl (not copied from the SDK
// suites): prefixes, default forms, invalid names, merging, precedence, sub-properties,
// sso-session and services sections, warnings with file:line, errors with file:line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAwsctlError } from '../../src/errors.ts';
import { parseIni } from '../../src/ini/parse.ts';
import { emptyMap, getValue } from '../../src/profile/model.ts';
import type { ProfileSet, Section } from '../../src/profile/model.ts';
import { normalize, normalizeText } from '../../src/profile/normalize.ts';

const PATHS = { config: '/h/.aws/config', credentials: '/h/.aws/credentials' };

function load(config?: string, credentials?: string): ProfileSet {
  return normalize(config === undefined ? undefined : parseIni(config), credentials === undefined ? undefined : parseIni(credentials), PATHS);
}

function flat(sections: Record<string, Section>): Record<string, Record<string, string>> {
  return Object.fromEntries(Object.entries(sections).map(([n, s]) => [n, Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, p.value]))]));
}

const PROFILE_CASES: Array<[string, string | undefined, string | undefined, Record<string, Record<string, string>>]> = [
  ['config [profile x] is a profile', '[profile dev]\nregion = a', undefined, { dev: { region: 'a' } }],
  ['config bare [x] is ignored', '[dev]\nregion = a', undefined, {}],
  ['config bare [default] is a profile', '[default]\nregion = a', undefined, { default: { region: 'a' } }],
  ['[profile default] anywhere hides every bare [default]', '[default]\na = 1\n[profile default]\nb = 2\n[default]\nc = 3', undefined, { default: { b: '2' } }],
  ['credentials bare [x] is a profile', undefined, '[dev]\naws_access_key_id = A', { dev: { aws_access_key_id: 'A' } }],
  ['credentials [profile x] is ignored', undefined, '[profile dev]\naws_access_key_id = A', {}],
  ['credentials [sso-session x] is ignored (smithy-rs, not Kotlin)', undefined, '[sso-session s]\nsso_region = a', {}],
  ['[profilefoo] is not the profile prefix', '[profilefoo]\na = 1', undefined, {}],
  ['tabs and extra spaces around prefix and name', '[ \tprofile\t dev \t]\na = 1', undefined, { dev: { a: '1' } }],
  ['invalid profile names are ignored with their properties', '[profile in valid]\na = 1\n[profile ok]\nb = 2', undefined, { ok: { b: '2' } }],
  ['every allowed name character', '[profile a-Z_0.9/%@:+]', undefined, { 'a-Z_0.9/%@:+': {} }],
  // botocore's names (issue 14 item 3): shlex in the config file, the header as written in the credentials file.
  [
    'quoted names are read as botocore does',
    '[profile "quoted"]\na = 1\n[profile "my profile"]\nb = 2',
    undefined,
    { quoted: { a: '1' }, 'my profile': { b: '2' } },
  ],
  ['unicode names are read byte for byte', '[profile dév-日本]\na = 1', '[dév-日本]\nb = 2', { 'dév-日本': { a: '1', b: '2' } }],
  ['a credentials-file name with a space is read as written', undefined, '[my profile]\nb = 2', { 'my profile': { b: '2' } }],
  [
    'no Unicode normalization: é composed and decomposed are two profiles',
    '[profile d\u00e9]\na = 1\n[profile de\u0301]\nb = 2',
    undefined,
    { 'd\u00e9': { a: '1' }, 'de\u0301': { b: '2' } },
  ],
  ['duplicate sections merge; the last value wins', '[profile a]\nx = 1\ny = 1\n[profile a]\nx = 2', undefined, { a: { x: '2', y: '1' } }],
  ['keys are case-insensitive (last one wins)', '[profile a]\nRegion = 1\n[profile a]\nregion = 2', undefined, { a: { region: '2' } }],
  ['invalid property names are ignored', '[profile a]\nin valid = 1\nok = 2', undefined, { a: { ok: '2' } }],
  ['credentials values win over config values', '[profile a]\nx = config\ny = config', '[a]\nx = creds', { a: { x: 'creds', y: 'config' } }],
  ['[profile default] in config merges with [default] in credentials', '[profile default]\nx = 1', '[default]\ny = 2', { default: { x: '1', y: '2' } }],
  ['continuations join with newlines', '[profile a]\nx = one\n  two\n\tthree # kept', undefined, { a: { x: 'one\ntwo\nthree # kept' } }],
  ['sub-property blocks keep the raw smithy-rs string', '[profile a]\ns3 =\n  x = 1\n\n  bad name = 2', undefined, { a: { s3: '\nx = 1\nbad name = 2' } }],
  ['a BOM before the first header is accepted', '\uFEFF[default]\nregion = a', undefined, { default: { region: 'a' } }],
  ['CRLF files read like LF files', '[profile a]\r\nx = 1\r\n  more\r\n', undefined, { a: { x: '1\nmore' } }],
];

for (const [name, config, credentials, expected] of PROFILE_CASES) {
  test(`profiles: ${name}`, () => {
    assert.equal(JSON.stringify(flat(load(config, credentials).profiles)), JSON.stringify(expected));
  });
}

test('profiles named like Object members are just names', () => {
  const set = load('[profile constructor]\na = 1\n[profile __proto__]\nb = 2\n[profile toString]');
  assert.deepEqual(Object.keys(set.profiles), ['constructor', '__proto__', 'toString']);
  assert.equal(getValue(set.profiles['__proto__'], 'b'), '2');
  assert.equal(set.profiles['hasOwnProperty'], undefined);
  assert.equal(getValue(set.profiles['constructor'], 'constructor'), undefined);
});

test('every map of the set inherits nothing: property, sub-property, services and section maps', () => {
  const set = load('[profile a]\nregion = x\ns3 =\n  max = 1\n[services local]\nsts =\n  endpoint_url = http://l\n[sso-session s]\nsso_region = r');
  const maps: object[] = [
    set.profiles,
    set.ssoSessions,
    set.services,
    set.otherSections ?? {},
    set.profiles['a']!.properties,
    set.profiles['a']!.properties['s3']!.subProperties!,
    set.services['local']!,
  ];
  for (const map of maps) {
    for (const inherited of ['toString', 'hasOwnProperty', 'constructor', 'valueOf', '__proto__']) assert.equal(inherited in map, false, inherited);
  }
  const byHand = emptyMap<string>();
  byHand['__proto__'] = 'x';
  assert.deepEqual(Object.keys(byHand), ['__proto__']);
});

test('a [default] before and after [profile default]: the bare ones are ignored wherever they are, each with a warning in file order', () => {
  const set = load('[default]\na = 1\n[profile bad name]\n[profile default]\nb = 2\n[default]\nc = 3\n[profile x]\nbad key = 1\ns3 =\n  bad sub = 2');
  assert.deepEqual(flat(set.profiles), { default: { b: '2' }, x: { s3: '\nbad sub = 2' } });
  assert.deepEqual(
    set.warnings.map((w) => w.line),
    [1, 3, 6, 9, 11],
  );
});

test('property values keep the written key case and their origin', () => {
  const set = load('[profile a]\nRole_Arn = arn', '[a]\nregion = r');
  assert.deepEqual(
    { ...set.profiles['a']?.properties['role_arn'] },
    { key: 'Role_Arn', value: 'arn', origin: { kind: 'config', file: PATHS.config, line: 2 } },
  );
  assert.deepEqual(set.profiles['a']?.properties['region']?.origin, { kind: 'credentials', file: PATHS.credentials, line: 2 });
  assert.equal(getValue(set.profiles['a'], 'ROLE_ARN'), 'arn');
  assert.deepEqual(set.profiles['a']?.origin, { kind: 'config', file: PATHS.config, line: 1 });
});

test('sub-properties are also a lower-cased map without invalid keys', () => {
  const s3 = load('[profile a]\ns3 =\n  Max = 10 # c\n  bad name = 2').profiles['a']?.properties['s3'];
  assert.deepEqual({ ...s3?.subProperties }, { max: '10' });
});

test('sso-session sections are separate from profiles of the same name', () => {
  const set = load('[sso-session corp]\nsso_region = us-east-1\n[profile corp]\nsso_session = corp\n[sso-session]\nx = 1\n[sso-sesion typo]\ny = 2');
  assert.deepEqual(flat(set.ssoSessions), { corp: { sso_region: 'us-east-1' } });
  assert.deepEqual(flat(set.profiles), { corp: { sso_session: 'corp' } });
  assert.deepEqual(Object.keys(set.otherSections?.['sso-sesion'] ?? {}), ['typo']);
});

test('services sections give service id → sub-settings; plain lines there are ignored with a warning', () => {
  const set = load(
    '[services local]\nS3 =\n  endpoint_url = http://localhost:4566\nregion = x\n[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000',
  );
  assert.deepEqual(JSON.parse(JSON.stringify(set.services)), {
    local: { s3: { endpoint_url: 'http://localhost:4566' }, dynamodb: { endpoint_url: 'http://localhost:8000' } },
  });
  assert.deepEqual(
    set.warnings.map((w) => [w.line, /services section/.test(w.message)]),
    [[4, true]],
  );
});

test('ignored sections and keys produce warnings naming file and line', () => {
  const set = load(
    '[dev]\na = 1\n[profile in valid]\n[profile "q"]\n[default]\n[profile default]\n[profile ok]\nbad key = 1\n[plugins]\ncli = x',
    '[profile c]\n[sso-session s]',
  );
  const summary = set.warnings.map((w) => `${w.file}:${w.line}`);
  assert.deepEqual(summary, [
    `${PATHS.config}:1`,
    `${PATHS.config}:3`,
    `${PATHS.config}:4`,
    `${PATHS.config}:5`,
    `${PATHS.config}:8`,
    `${PATHS.credentials}:1`,
    `${PATHS.credentials}:2`,
  ]);
  assert.match(set.warnings[0]?.message ?? '', /\[profile dev\]/);
  assert.match(set.warnings[2]?.message ?? '', /profile name 'q' is read by the AWS CLI \(botocore\) and awsctl, but some AWS SDKs ignore it/);
  assert.equal(set.warnings[2]?.portability, true);
  assert.match(set.warnings[3]?.message ?? '', /\[profile default\]/);
  assert.match(set.warnings[6]?.message ?? '', /config file/);
});

const ERROR_CASES: Array<[string, string, number]> = [
  ['unterminated header', '[profile a]\nx = 1\n[profile b', 3],
  ['property before any section', '# c\nx = 1', 2],
  ['continuation before any section', '  x', 1],
  ['property without name', '[a]\n= v', 2],
  ['property without =', '[default]\nregion us-east-1', 2],
  ['continuation right after a header', '[profile a]\n  x', 2],
  ['continuation after a repeated header', '[profile a]\nx = 1\n[profile a]\n  y', 4],
  ['sub-property without =', '[profile a]\ns3 =\n  nope', 3],
  ['sub-property without name', '[profile a]\ns3 =\n  = 1', 3],
];

for (const [name, config, line] of ERROR_CASES) {
  test(`errors: ${name} → AwsctlError with file:line`, () => {
    assert.throws(
      () => load(config),
      (e: unknown) =>
        isAwsctlError(e) &&
        e.exitCode === 1 &&
        e.file === PATHS.config &&
        e.line === line &&
        e.message.includes(`${PATHS.config}:${line}`) &&
        !e.message.includes('\n'),
    );
  });
}

test('an error in the credentials file names the credentials file', () => {
  assert.throws(
    () => load('[default]', '[default]\nkey'),
    (e: unknown) => isAwsctlError(e) && e.file === PATHS.credentials && e.line === 2,
  );
});

test('the error message never repeats the line (it may hold a secret)', () => {
  assert.throws(
    () => load(undefined, '[default]\naws_secret_access_key: TOPSECRET'),
    (e: unknown) => isAwsctlError(e) && !e.message.includes('TOPSECRET'),
  );
});

// The maps are lazy (each section is read from its lines on first access) but must behave as
// the plain objects they used to be, whatever the order things are looked at in.
const LAZY_CONFIG =
  '[profile b]\nx = 1\n[profile 10]\ny = 2\n[profile a]\nz = 3\n[profile 2]\nw = 4\n[profile b]\nx = 5\n  cont\n[sso-session s]\nsso_region = r\n';
const LAZY_CREDENTIALS = '[a]\naws_access_key_id = K\n[only-here]\naws_access_key_id = L\n';

test('lazy maps: keys in object order, lookups, `in`, hasOwn and entries agree with a full read', () => {
  const set = normalizeText(LAZY_CONFIG, LAZY_CREDENTIALS, PATHS);
  // Integer-like names first (ascending), then file order, credentials-only names last.
  assert.deepEqual(Object.keys(set.profiles), ['2', '10', 'b', 'a', 'only-here']);
  assert.equal('b' in set.profiles, true);
  assert.equal('nope' in set.profiles, false);
  assert.equal(Object.hasOwn(set.profiles, 'a'), true);
  assert.equal(set.profiles['nope'], undefined);
  // One section read before the others, then everything: the same as reading all at once.
  assert.equal(getValue(set.profiles['b'], 'x'), '5\ncont');
  const all = normalizeText(LAZY_CONFIG, LAZY_CREDENTIALS, PATHS);
  assert.deepEqual(flat(set.profiles), flat(all.profiles));
  assert.deepEqual(JSON.parse(JSON.stringify(set.profiles)), JSON.parse(JSON.stringify(all.profiles)));
  assert.deepEqual({ ...set.ssoSessions }, { ...all.ssoSessions });
  assert.deepEqual(set.profiles['a']?.declaredIn, ['config', 'credentials']);
  assert.deepEqual(set.profiles['a']?.origin, { kind: 'config', file: PATHS.config, line: 5 });
  assert.deepEqual(set.profiles['a']?.properties['aws_access_key_id']?.origin, { kind: 'credentials', file: PATHS.credentials, line: 2 });
  assert.deepEqual(set.profiles['only-here']?.declaredIn, ['credentials']);
});

test('lazy maps: entries can be replaced, added and deleted like plain properties', () => {
  const set = normalizeText(LAZY_CONFIG, undefined, PATHS);
  const replacement: Section = { name: 'b', properties: emptyMap() };
  set.profiles['b'] = replacement;
  assert.equal(set.profiles['b'], replacement);
  set.profiles['new'] = replacement;
  assert.deepEqual(Object.keys(set.profiles), ['2', '10', 'b', 'a', 'new']);
  delete set.profiles['a'];
  assert.equal('a' in set.profiles, false);
  assert.deepEqual(Object.keys(set.profiles), ['2', '10', 'b', 'new']);
});
