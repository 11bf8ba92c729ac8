import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProfileChain } from '../../src/plan/profile-chain.ts';
import { PlanError } from '../../src/plan/plan-error.ts';
import type { PlanErrorCode } from '../../src/plan/plan-error.ts';
import { profileSet } from './profile-set.ts';

const KEYS = { aws_access_key_id: 'AKIAEXAMPLEKEY1', aws_secret_access_key: 'secret-one' };
const ROLE = (name: string) => `arn:aws:iam::111122223333:role/${name}`;

interface ChainCase {
  name: string;
  profiles: Record<string, Record<string, string>>;
  ssoSessions?: Record<string, Record<string, string>>;
  selected: string;
  explicit?: boolean;
  base?: Record<string, unknown>;
  hops?: string[];
  error?: PlanErrorCode;
  notConfigured?: boolean;
}

const cases: ChainCase[] = [
  { name: 'static keys', profiles: { A: KEYS }, selected: 'A', base: { kind: 'static', profile: 'A' }, hops: [] },
  {
    name: 'role via source profile',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: KEYS },
    selected: 'A',
    base: { kind: 'static', profile: 'B' },
    hops: [ROLE('A')],
  },
  {
    name: 'role_arn wins over keys on the selected profile',
    profiles: { A: { ...KEYS, role_arn: ROLE('A'), source_profile: 'B' }, B: { aws_access_key_id: 'AKIABBBBBBBB', aws_secret_access_key: 'b' } },
    selected: 'A',
    base: { kind: 'static', profile: 'B' },
    hops: [ROLE('A')],
  },
  {
    name: 'source profile with keys ends the chain even with role_arn',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { ...KEYS, role_arn: ROLE('B'), source_profile: 'C' }, C: KEYS },
    selected: 'A',
    base: { kind: 'static', profile: 'B' },
    hops: [ROLE('A')],
  },
  {
    name: 'three-profile chain, innermost role first',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { role_arn: ROLE('B'), source_profile: 'C' }, C: KEYS },
    selected: 'A',
    base: { kind: 'static', profile: 'C' },
    hops: [ROLE('B'), ROLE('A')],
  },
  {
    name: 'self reference assumes its own role with its own keys',
    profiles: { A: { ...KEYS, role_arn: ROLE('A'), source_profile: 'A' } },
    selected: 'A',
    base: { kind: 'static', profile: 'A' },
    hops: [ROLE('A')],
  },
  // botocore: a profile may be its own source only with static keys (InfiniteLoopConfigError).
  {
    name: 'self reference without keys is a loop',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'A' } },
    selected: 'A',
    error: 'credential-loop',
    notConfigured: false,
  },
  {
    name: 'credential_source',
    profiles: { A: { role_arn: ROLE('A'), credential_source: 'EcsContainer' } },
    selected: 'A',
    base: { kind: 'named-source', source: 'EcsContainer' },
    hops: [ROLE('A')],
  },
  {
    name: 'loop A -> B -> A',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { role_arn: ROLE('B'), source_profile: 'A' } },
    selected: 'A',
    error: 'credential-loop',
  },
  {
    name: 'loop with keys on the selected profile',
    profiles: { A: { ...KEYS, role_arn: ROLE('A'), source_profile: 'B' }, B: { role_arn: ROLE('B'), source_profile: 'A' } },
    selected: 'A',
    error: 'credential-loop',
  },
  { name: 'missing source profile', profiles: { A: { role_arn: ROLE('A'), source_profile: 'nope' } }, selected: 'A', error: 'source-profile-not-found' },
  { name: 'missing selected profile named explicitly', profiles: { A: KEYS }, selected: 'B', explicit: true, error: 'profile-not-found', notConfigured: false },
  { name: 'missing implicit default falls through', profiles: { other: KEYS }, selected: 'default', error: 'no-profiles', notConfigured: true },
  { name: 'no profiles at all falls through', profiles: {}, selected: 'default', error: 'no-profiles', notConfigured: true },
  { name: 'role_arn with neither source', profiles: { A: { role_arn: ROLE('A') } }, selected: 'A', error: 'role-without-source' },
  {
    name: 'both sources',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B', credential_source: 'Environment' }, B: KEYS },
    selected: 'A',
    error: 'both-sources',
  },
  { name: 'partial keys: access key only', profiles: { A: { aws_access_key_id: 'AKIAONLY' } }, selected: 'A', error: 'partial-keys' },
  // botocore: a lone secret makes B use its own providers, and none is claimed ("must have credentials").
  {
    name: 'partial keys: secret only in source',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { aws_secret_access_key: 'x' } },
    selected: 'A',
    error: 'source-profile-without-credentials',
  },
  {
    name: 'partial keys: access key only in source',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { aws_access_key_id: 'x' } },
    selected: 'A',
    error: 'partial-keys',
  },
  {
    name: 'config-only selected profile is not configured',
    profiles: { A: { region: 'eu-west-1' } },
    selected: 'A',
    error: 'no-credentials-in-profile',
    notConfigured: true,
  },
  {
    name: 'config-only source profile is broken',
    profiles: { A: { role_arn: ROLE('A'), source_profile: 'B' }, B: { region: 'eu-west-1' } },
    selected: 'A',
    error: 'source-profile-without-credentials',
    notConfigured: false,
  },
  {
    name: 'web identity profile',
    profiles: { A: { role_arn: ROLE('A'), web_identity_token_file: '/t.jwt', role_session_name: 's' } },
    selected: 'A',
    base: { kind: 'web-identity', roleArn: ROLE('A'), tokenFile: '/t.jwt', roleSessionName: 's' },
    hops: [],
  },
  { name: 'web identity without role_arn', profiles: { A: { web_identity_token_file: '/t.jwt' } }, selected: 'A', error: 'web-identity-without-role' },
  {
    name: 'legacy sso',
    profiles: { A: { sso_start_url: 'https://x/start', sso_region: 'eu-west-1', sso_account_id: '1', sso_role_name: 'R' } },
    selected: 'A',
    base: { kind: 'sso', startUrl: 'https://x/start', ssoRegion: 'eu-west-1', accountId: '1', roleName: 'R' },
    hops: [],
  },
  {
    name: 'sso-session region comes from the session',
    profiles: { A: { sso_session: 's', sso_account_id: '1', sso_role_name: 'R' } },
    ssoSessions: { s: { sso_start_url: 'https://x/start', sso_region: 'us-east-2' } },
    selected: 'A',
    base: { kind: 'sso', ssoSession: 's', ssoRegion: 'us-east-2' },
    hops: [],
  },
  {
    name: 'sso account without role',
    profiles: { A: { sso_start_url: 'https://x', sso_region: 'r', sso_account_id: '1' } },
    selected: 'A',
    error: 'invalid-sso',
  },
  {
    name: 'sso role without account',
    profiles: { A: { sso_start_url: 'https://x', sso_region: 'r', sso_role_name: 'R' } },
    selected: 'A',
    error: 'invalid-sso',
  },
  {
    name: 'sso_region in a profile that uses sso_session',
    profiles: { A: { sso_session: 's', sso_region: 'r' } },
    ssoSessions: { s: { sso_start_url: 'https://x' } },
    selected: 'A',
    error: 'invalid-sso',
  },
  {
    name: 'sso session missing sso_region',
    profiles: { A: { sso_session: 's' } },
    ssoSessions: { s: { sso_start_url: 'https://x' } },
    selected: 'A',
    error: 'invalid-sso',
  },
  { name: 'missing sso-session', profiles: { A: { sso_session: 'nope' } }, selected: 'A', error: 'sso-session-not-found' },
  {
    name: 'credential_process with account fallback',
    profiles: { A: { credential_process: 'helper --x', aws_account_id: '123' } },
    selected: 'A',
    base: { kind: 'credential-process', command: 'helper --x', accountId: '123' },
    hops: [],
  },
  { name: 'empty role_arn counts as unset', profiles: { A: { ...KEYS, role_arn: '' } }, selected: 'A', base: { kind: 'static' }, hops: [] },
];

for (const c of cases) {
  test(`profile chain: ${c.name}`, () => {
    const set = profileSet({ profiles: c.profiles, ssoSessions: c.ssoSessions ?? {} });
    const run = () => resolveProfileChain(set, c.selected, { explicit: c.explicit ?? false });
    if (c.error) {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof PlanError, String(error));
        assert.equal(error.code, c.error);
        if (c.notConfigured !== undefined) assert.equal(error.notConfigured, c.notConfigured);
        return true;
      });
      return;
    }
    const chain = run();
    for (const [key, value] of Object.entries(c.base ?? {})) assert.deepEqual((chain.base as Record<string, unknown>)[key], value, key);
    assert.deepEqual(
      chain.hops.map((h) => h.roleArn),
      c.hops,
    );
  });
}

test('a loop error names the profiles in order', () => {
  const set = profileSet({
    profiles: {
      A: { role_arn: ROLE('A'), source_profile: 'B' },
      B: { role_arn: ROLE('B'), source_profile: 'C' },
      C: { role_arn: ROLE('C'), source_profile: 'B' },
    },
  });
  assert.throws(
    () => resolveProfileChain(set, 'A'),
    (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.deepEqual(error.profiles, ['A', 'B', 'C', 'B']);
      assert.match(error.message, /A -> B -> C -> B/);
      return true;
    },
  );
});

test('hops carry their own profile settings', () => {
  const set = profileSet({
    profiles: {
      A: {
        role_arn: ROLE('A'),
        source_profile: 'B',
        external_id: 'ext',
        mfa_serial: 'arn:aws:iam::1:mfa/me',
        duration_seconds: '7200',
        role_session_name: 'me',
      },
      B: { role_arn: ROLE('B'), source_profile: 'C' },
      C: KEYS,
    },
  });
  const chain = resolveProfileChain(set, 'A');
  assert.deepEqual(
    chain.hops.map((h) => ({ ...h, origin: undefined })),
    [
      { roleArn: ROLE('B'), profile: 'B', origin: undefined },
      {
        roleArn: ROLE('A'),
        profile: 'A',
        externalId: 'ext',
        mfaSerial: 'arn:aws:iam::1:mfa/me',
        durationSeconds: 7200,
        roleSessionName: 'me',
        origin: undefined,
      },
    ],
  );
  assert.deepEqual(chain.visited, ['A', 'B', 'C']);
  assert.equal(chain.hops[1]?.origin?.file, '/home/test/.aws/config');
});

test('duration_seconds must be a whole number', () => {
  const set = profileSet({ profiles: { A: { role_arn: ROLE('A'), source_profile: 'B', duration_seconds: '1h' }, B: KEYS } });
  assert.throws(
    () => resolveProfileChain(set, 'A'),
    (error: unknown) => error instanceof PlanError && error.code === 'invalid-setting' && error.line !== undefined,
  );
});

test('errors point at the file and line of the setting', () => {
  const set = profileSet({ profiles: { A: { region: 'x', role_arn: ROLE('A') } } });
  assert.throws(
    () => resolveProfileChain(set, 'A'),
    (error: unknown) => error instanceof PlanError && error.file === '/home/test/.aws/config' && error.line === 2,
  );
});
