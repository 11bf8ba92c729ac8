// The pure parts of `assume` and `cache clear`: argument splitting, what a role argument means,
// when an MFA session is used, and which cache files may be removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAssumeArgs } from '../../src/assume/args.ts';
import { isRemovableEntry, planCacheKeys } from '../../src/assume/cache-entries.ts';
import { mfaSessionCacheKey, mfaSessionDecision } from '../../src/resolve/mfa-session.ts';
import { parseRoleTargets } from '../../src/assume/roles.ts';
import { AwsctlError } from '../../src/errors.ts';
import { planCredentials, planDefaultChain } from '../../src/plan/planner.ts';
import type { ProfileSet } from '../../src/profile/model.ts';
import { normalizeFiles } from './profiles.ts';
import { CACHE_KEYS } from '../helpers/cache-files.ts';
import { MFA_SERIAL } from '../helpers/fixtures.ts';

const CONFIG = `[profile user]
aws_access_key_id = AKIAUSER
aws_secret_access_key = secret
mfa_serial = ${MFA_SERIAL}

[profile temp]
aws_access_key_id = ASIATEMP
aws_secret_access_key = secret
aws_session_token = token
mfa_serial = ${MFA_SERIAL}

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = user
external_id = ext
duration_seconds = 7200
`;
const set: ProfileSet = normalizeFiles(CONFIG);

test('parseAssumeArgs: roles, options after roles, and the command after --', () => {
  const cases: Array<[string[], Record<string, unknown>, { roles: string[]; command?: string[]; duration?: number; format: string }]> = [
    [['a', 'b'], { format: 'sh' }, { roles: ['a', 'b'], format: 'sh' }],
    [['a', '--duration', '900', 'b', '--format=json'], { format: 'sh' }, { roles: ['a', 'b'], duration: 900, format: 'json' }],
    [
      ['a', '--', 'aws', '--profile', 'x', '--'],
      { duration: '1200', format: 'fish' },
      { roles: ['a'], command: ['aws', '--profile', 'x', '--'], duration: 1200, format: 'fish' },
    ],
  ];
  for (const [args, options, expected] of cases) {
    const parsed = parseAssumeArgs(args, options);
    assert.deepEqual(parsed.roles, expected.roles);
    assert.deepEqual(parsed.command, expected.command);
    assert.equal(parsed.options.durationSeconds, expected.duration);
    assert.equal(parsed.options.format, expected.format);
  }
  for (const bad of [[], ['--', 'cmd'], ['a', '--'], ['a', '--profile', 'p'], ['a', '--duration', 'ten'], ['a', '--duration']]) {
    assert.throws(
      () => parseAssumeArgs(bad, {}),
      (error: unknown) => error instanceof AwsctlError && error.exitCode === 2,
      JSON.stringify(bad),
    );
  }
});

test('parseRoleTargets: a profile (its settings win), an ARN, a bare name; anything else is refused', () => {
  const targets = parseRoleTargets(['admin', 'arn:aws-cn:iam::210987654321:role/path/R', 'Reader'], set, {
    format: 'sh',
    externalId: 'opt',
    durationSeconds: 900,
    mfaSerial: MFA_SERIAL,
  });
  assert.equal(targets[0]?.kind, 'profile');
  assert.deepEqual(targets[0]?.kind === 'profile' && targets[0].hop, {
    roleArn: 'arn:aws:iam::111122223333:role/Admin',
    profile: 'admin',
    origin: (targets[0] as { hop: { origin?: unknown } }).hop.origin,
    externalId: 'ext',
    durationSeconds: 7200,
    mfaSerial: MFA_SERIAL,
  });
  assert.deepEqual(targets[1]?.kind === 'arn' && targets[1].hop, {
    roleArn: 'arn:aws-cn:iam::210987654321:role/path/R',
    profile: 'arn:aws-cn:iam::210987654321:role/path/R',
    externalId: 'opt',
    durationSeconds: 900,
    mfaSerial: MFA_SERIAL,
  });
  assert.deepEqual(targets[2], {
    kind: 'name',
    text: 'Reader',
    roleName: 'Reader',
    settings: { externalId: 'opt', durationSeconds: 900, mfaSerial: MFA_SERIAL },
  });
  assert.throws(() => parseRoleTargets(['user'], set, { format: 'sh' }), /profile user has no role_arn/);
  assert.throws(() => parseRoleTargets(['arn:aws:iam::1:role/x'], set, { format: 'sh' }), /not an IAM role ARN/);
  assert.throws(() => parseRoleTargets(['a b'], set, { format: 'sh' }), /neither a profile name/);
});

test('mfaSessionDecision: static long-term keys with mfa_serial and a first role of at most an hour', () => {
  const plan = (profile: string) => planCredentials({ env: {}, profiles: set, profileName: profile, profileFromFlag: true });
  const used = mfaSessionDecision(plan('user'), set, { durationSeconds: 3600 });
  assert.deepEqual(used.use && { profile: used.use.profile, serial: used.use.serial }, { profile: 'user', serial: MFA_SERIAL });
  assert.ok(mfaSessionDecision(plan('user'), set, {}).use, 'no duration = the STS default of 1 hour');
  const cases: Array<[string, Parameters<typeof mfaSessionDecision>[2], RegExp]> = [
    ['user', { durationSeconds: 3601 }, /3601 s, more than the 3600 s/],
    ['user', undefined, /no role/],
    ['temp', {}, /temporary keys/],
  ];
  for (const [profile, first, reason] of cases) {
    const decision = mfaSessionDecision(plan(profile), set, first);
    assert.equal(decision.use, undefined);
    assert.match((decision as { reason: string }).reason, reason);
  }
  // admin's own first role asks for 7200 s: the caller decides from the profile's hop.
  const admin = plan('admin');
  assert.equal(mfaSessionDecision(admin, set, admin.hops[0]).use, undefined);
  const environment = planCredentials({ env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' }, profiles: set });
  assert.match((mfaSessionDecision(environment, set, {}) as { reason: string }).reason, /not come from static keys/);
});

test("cache entries: what clear may remove, and the keys of a profile's plan", () => {
  const creds = JSON.stringify({ Credentials: { AccessKeyId: 'ASIA', SecretAccessKey: 's', SessionToken: 't', Expiration: '2030-01-01T00:00:00UTC' } });
  assert.equal(isRemovableEntry('abc.json', creds), true);
  assert.equal(isRemovableEntry('awsctl-identity-1.json', '{"Account":"1","Arn":"arn:aws:iam::1:user/x"}'), true);
  for (const [name, text] of [
    ['abc.lock', creds],
    ['x.json', '{"Credentials": {"AccessKeyId": "A"}}'],
    ['x.json', 'not json'],
    ['x.json', '[]'],
    ['x.json', '{"other": 1}'],
    ['awsctl-identity-2.json', '{}'],
  ]) {
    assert.equal(isRemovableEntry(name!, text!), false, `${name} ${text}`);
  }
  const keys = planCacheKeys(planDefaultChain({ env: {}, profiles: set, profileName: 'admin', profileFromFlag: true }), set);
  assert.deepEqual(keys, [CACHE_KEYS.assumeRoleAdminExt7200, CACHE_KEYS.mfaSessionUser]);
  assert.equal(mfaSessionCacheKey('AKIAUSER', MFA_SERIAL), CACHE_KEYS.mfaSessionUser);
});
