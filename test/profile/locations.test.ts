// File locations and profile selection: a pure function of env, platform and the runtime's
// home lookup, so Windows rules are tested on any host.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandHome, resolveFileLocations, resolveHome, selectProfileName } from '../../src/profile/locations.ts';

const HOME_CASES: Array<[string, Record<string, string>, string, string | undefined, string | undefined]> = [
  ['HOME first on linux', { HOME: '/h', USERPROFILE: 'x' }, 'linux', '/os', '/h'],
  ['HOME first on windows', { HOME: 'C:\\h', USERPROFILE: 'x' }, 'win32', 'C:\\os', 'C:\\h'],
  ['USERPROFILE on windows only', { USERPROFILE: 'C:\\u' }, 'win32', 'C:\\os', 'C:\\u'],
  ['USERPROFILE ignored on linux', { USERPROFILE: '/u' }, 'linux', '/os', '/os'],
  ['HOMEDRIVE + HOMEPATH on windows', { HOMEDRIVE: 'D:', HOMEPATH: '\\me' }, 'windows', undefined, 'D:\\me'],
  ['HOMEDRIVE alone is not enough', { HOMEDRIVE: 'D:' }, 'win32', 'C:\\os', 'C:\\os'],
  ['blank HOME counts as unset', { HOME: '  ' }, 'linux', '/os', '/os'],
  ['no home at all', {}, 'linux', undefined, undefined],
];

for (const [name, env, platform, languageHome, expected] of HOME_CASES) {
  test(`home: ${name}`, () => assert.equal(resolveHome(env, platform, languageHome), expected));
}

test('default paths use the platform separator', () => {
  assert.deepEqual(pickPaths(resolveFileLocations({ HOME: '/home/me' }, 'linux', undefined)), ['/home/me/.aws/config', '/home/me/.aws/credentials']);
  assert.deepEqual(pickPaths(resolveFileLocations({ USERPROFILE: 'C:\\Users\\me' }, 'win32', undefined)), [
    'C:\\Users\\me\\.aws\\config',
    'C:\\Users\\me\\.aws\\credentials',
  ]);
  assert.deepEqual(pickPaths(resolveFileLocations({ HOME: '/' }, 'linux', undefined)), ['/.aws/config', '/.aws/credentials']);
});

function pickPaths(l: { configFile: string | undefined; credentialsFile: string | undefined }): unknown[] {
  return [l.configFile, l.credentialsFile];
}

test('AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE replace the paths verbatim, blank counts as unset', () => {
  const l = resolveFileLocations({ HOME: '/h', AWS_CONFIG_FILE: 'rel/config', AWS_SHARED_CREDENTIALS_FILE: '' }, 'linux', undefined);
  assert.deepEqual(pickPaths(l), ['rel/config', '/h/.aws/credentials']);
});

test('a leading ~/ (or ~\\ on Windows) expands to home; nothing else does', () => {
  assert.equal(expandHome('~/cfg', '/h', 'linux'), '/h/cfg');
  assert.equal(expandHome('~\\cfg', '/h', 'linux'), '~\\cfg');
  assert.equal(expandHome('~\\cfg', 'C:\\h', 'win32'), 'C:\\h\\cfg');
  assert.equal(expandHome('~/cfg', 'C:\\h', 'win32'), 'C:\\h\\cfg');
  assert.equal(expandHome('~user/cfg', '/h', 'linux'), '~user/cfg');
  assert.equal(expandHome('/a/~/b', '/h', 'linux'), '/a/~/b');
  assert.equal(expandHome('~/cfg', undefined, 'linux'), '~/cfg');
  const l = resolveFileLocations({ HOME: '/h/', AWS_CONFIG_FILE: '~/other' }, 'linux', undefined);
  assert.equal(l.configFile, '/h/other');
});

test('no home and no override: paths are unknown, not an error', () => {
  assert.deepEqual(pickPaths(resolveFileLocations({}, 'linux', undefined)), [undefined, undefined]);
  assert.deepEqual(pickPaths(resolveFileLocations({ AWS_CONFIG_FILE: '/c' }, 'linux', undefined)), ['/c', undefined]);
});

const PROFILE_CASES: Array<[string, Record<string, string>, string | undefined, string]> = [
  ['flag first', { AWS_PROFILE: 'env', AWS_DEFAULT_PROFILE: 'old' }, 'flag', 'flag'],
  ['then AWS_PROFILE', { AWS_PROFILE: 'env', AWS_DEFAULT_PROFILE: 'old' }, undefined, 'env'],
  ['then AWS_DEFAULT_PROFILE', { AWS_DEFAULT_PROFILE: 'old' }, undefined, 'old'],
  // As the AWS CLI v2 (2.9, checked by hand): a value is the name as written, even empty or padded.
  [
    'an empty AWS_PROFILE is the profile "" (the AWS CLI: "The config profile () could not be found")',
    { AWS_PROFILE: '', AWS_DEFAULT_PROFILE: 'old' },
    undefined,
    '',
  ],
  ['whitespace is kept (" dev " is not dev)', { AWS_PROFILE: ' dev ' }, undefined, ' dev '],
  ['an empty flag is the profile ""', { AWS_PROFILE: 'env' }, '', ''],
  ['else default', {}, undefined, 'default'],
];

for (const [name, env, flag, expected] of PROFILE_CASES) {
  test(`profile selection: ${name}`, () => {
    assert.equal(selectProfileName(env, flag), expected);
    assert.equal(resolveFileLocations({ ...env, HOME: '/h' }, 'linux', undefined, flag).profileName, expected);
  });
}
