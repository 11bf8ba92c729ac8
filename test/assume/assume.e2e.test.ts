// `awsctl assume` through the built CLI against the fake STS (build first): ad-hoc chains of
// profile / ARN / bare role name, each hop signed with the one before, the chained-duration cap,
// `-- cmd`, and the cache that makes a second run free.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { e2eRig, exportsOf } from '../e2e/setup.ts';
import { BASE_ARN, BASE_KEY, ROLE_PROFILE } from '../helpers/fixtures.ts';

const OPS = 'arn:aws:iam::444455556666:role/Ops';

test("a chain of profile, ARN and bare name: each hop signed with the previous hop's temporary key", async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const result = await r.run(['assume', '--profile', 'base', 'dev', OPS, 'Admin']);
    assert.equal(result.code, 0, result.stderr);
    const calls = r.aws.sts.calls;
    assert.deepEqual(
      calls.map((c) => c.action),
      ['AssumeRole', 'AssumeRole', 'AssumeRole'],
    );
    assert.deepEqual(
      calls.map((c) => c.params.RoleArn),
      ['arn:aws:iam::111122223333:role/Dev', OPS, 'arn:aws:iam::444455556666:role/Admin'],
    );
    assert.equal(calls[0]?.signedWith, BASE_KEY.id);
    assert.equal(calls[1]?.signedWith, 'ASIAFAKE000000000001', "hop 2 signed with hop 1's key");
    assert.equal(calls[2]?.signedWith, 'ASIAFAKE000000000002', "hop 3 signed with hop 2's key");
    for (const call of calls) assert.equal(call.signatureValid, true);
    const vars = exportsOf(result.stdout);
    assert.equal(vars.AWS_ACCESS_KEY_ID, 'ASIAFAKE000000000003');
    assert.equal(vars.AWS_SESSION_TOKEN, 'fake-session-token-3');
    assert.equal(vars.AWS_REGION, 'eu-west-1');
    assert.equal(r.cacheFiles().length, 3, 'each hop cached');

    const again = await r.run(['assume', '--profile', 'base', 'dev', OPS, 'Admin', '--format', 'json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(r.aws.sts.calls.length, 3, 'a second run within the lifetime makes no STS call');
    assert.equal((JSON.parse(again.stdout) as Record<string, string>).AWS_ACCESS_KEY_ID, 'ASIAFAKE000000000003');
  } finally {
    await r.close();
  }
});

test('a bare role name from long-term keys: GetCallerIdentity once, then remembered on disk (0600)', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const first = await r.run(['assume', '--profile', 'base', 'Reader']);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(
      r.aws.sts.calls.map((c) => c.action),
      ['GetCallerIdentity', 'AssumeRole'],
    );
    assert.equal(r.aws.sts.calls[0]?.signedWith, BASE_KEY.id);
    const account = BASE_ARN.split(':')[4];
    assert.equal(r.aws.sts.calls[1]?.params.RoleArn, `arn:aws:iam::${account}:role/Reader`);

    const second = await r.run(['assume', '--profile', 'base', 'Writer']);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(
      r.aws.sts.calls.map((c) => c.action),
      ['GetCallerIdentity', 'AssumeRole', 'AssumeRole'],
      'no second GetCallerIdentity',
    );
    assert.equal(r.aws.sts.calls[2]?.params.RoleArn, `arn:aws:iam::${account}:role/Writer`);
    const folder = join(r.home, '.aws', 'cli', 'cache');
    const identity = readdirSync(folder).filter((f) => f.startsWith('awsctl-identity-'));
    assert.equal(identity.length, 1);
    assert.equal(statSync(join(folder, identity[0]!)).mode & 0o777, 0o600);
  } finally {
    await r.close();
  }
});

test('a chained hop asking for more than an hour is capped at 3600 with a warning; a first hop is not', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const chained = await r.run(['assume', '--profile', 'dev', '--duration', '7200', OPS]);
    assert.equal(chained.code, 0, chained.stderr);
    const call = r.aws.sts.calls.find((c) => c.params.RoleArn === OPS);
    assert.equal(call?.params.DurationSeconds, '3600');
    assert.match(chained.stderr, /^awsctl: warning: assume arn:aws:iam::444455556666:role\/Ops: duration 7200 s capped to 3600 s/m);

    const direct = await r.run(['assume', '--profile', 'base', 'arn:aws:iam::444455556666:role/Long', '--duration', '7200']);
    assert.equal(direct.code, 0, direct.stderr);
    assert.equal(r.aws.sts.calls.at(-1)?.params.DurationSeconds, '7200', 'long-term keys may ask for more');
    assert.doesNotMatch(direct.stderr, /capped/);
  } finally {
    await r.close();
  }
});

test('a chained hop asking for exactly 3600 s is sent as asked with no warning; 3601 s is capped', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const exact = await r.run(['assume', '--profile', 'dev', '--duration', '3600', OPS]);
    assert.equal(exact.code, 0, exact.stderr);
    assert.equal(r.aws.sts.calls.find((c) => c.params.RoleArn === OPS)?.params.DurationSeconds, '3600');
    assert.equal(exact.stderr, '', 'no warning for a duration within the limit');

    const over = await r.run(['assume', '--profile', 'dev', '--duration', '3601', 'arn:aws:iam::444455556666:role/Other']);
    assert.equal(over.code, 0, over.stderr);
    assert.equal(r.aws.sts.calls.at(-1)?.params.DurationSeconds, '3600');
    assert.match(over.stderr, /^awsctl: warning: assume arn:aws:iam::444455556666:role\/Other: duration 3601 s capped to 3600 s/m);
  } finally {
    await r.close();
  }
});

test('assume -- cmd runs the command with the final credentials and returns its status', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const script =
      'console.log(JSON.stringify({id: process.env.AWS_ACCESS_KEY_ID, token: process.env.AWS_SESSION_TOKEN, region: process.env.AWS_REGION, profile: process.env.AWS_PROFILE ?? null, args: process.argv.slice(1)})); process.exit(3)';
    const result = await r.run(['assume', '--profile', 'base', OPS, '--', process.execPath, '-e', script, '--', '--profile', 'x'], { AWS_PROFILE: 'base' });
    assert.equal(result.code, 3, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      id: 'ASIAFAKE000000000001',
      token: 'fake-session-token-1',
      region: 'eu-west-1',
      profile: null,
      args: ['--profile', 'x'],
    });
  } finally {
    await r.close();
  }
});

test("role options: a profile's own settings win, options fill the gaps; usage errors exit 2", async () => {
  const config = `${ROLE_PROFILE}
[profile ext]
role_arn = arn:aws:iam::555566667777:role/Ext
source_profile = base
external_id = from-profile
`;
  const r = await e2eRig(config);
  try {
    const result = await r.run(['assume', '--profile', 'base', '--external-id', 'from-option', '--session-name', 'me', 'ext', OPS]);
    assert.equal(result.code, 0, result.stderr);
    const [ext, ops] = r.aws.sts.calls;
    assert.equal(ext?.params.ExternalId, 'from-profile');
    assert.equal(ext?.params.RoleSessionName, 'me');
    assert.equal(ext?.signedWith, BASE_KEY.id, 'a profile role is assumed with the credentials before it, not its source_profile');
    assert.equal(ops?.params.ExternalId, 'from-option');

    const bad = await r.run(['assume', '--profile', 'base', 'arn:aws:iam::12:role/x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not an IAM role ARN/);
    const notRole = await r.run(['assume', '--profile', 'base', 'base']);
    assert.equal(notRole.code, 1);
    assert.match(notRole.stderr, /profile base has no role_arn/);
  } finally {
    await r.close();
  }
});

test('a second `awsctl process` within the lifetime makes no network call', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const first = await r.run(['process', '--profile', 'dev']);
    assert.equal(first.code, 0, first.stderr);
    const requests = r.aws.sts.requests.length;
    assert.equal(requests, 1);
    const second = await r.run(['process', '--profile', 'dev'], { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(r.aws.sts.requests.length, requests);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
  } finally {
    await r.close();
  }
});
