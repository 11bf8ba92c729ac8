// `awsctl explain <role>…`: the chain `awsctl assume` would take, from the same pure plan the
// executor runs, so what explain names is what assume then does (checked against the fake STS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eRig } from '../e2e/setup.ts';
import { ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';

const OPS = 'arn:aws:iam::444455556666:role/Ops';

test('explain with role arguments names each role, the bare name as a name, and the cache files assume then writes', async () => {
  const r = await e2eRig(STATIC_BASE);
  try {
    const explained = await r.run(['explain', '--profile', 'base', 'dev', OPS, 'Admin', '--json']);
    assert.equal(explained.code, 0, explained.stderr);
    assert.deepEqual(r.aws.sts.calls, [], 'explain calls no service');
    const json = JSON.parse(explained.stdout) as { assume: { mfaSession: Record<string, string>; roles: Record<string, unknown>[] } };
    assert.match(json.assume.mfaSession.none ?? '', /sets no mfa_serial/);
    assert.deepEqual(
      json.assume.roles.map((role) => role.roleArn ?? `name:${String(role.roleName)}`),
      ['arn:aws:iam::111122223333:role/Dev', OPS, 'name:Admin'],
    );
    const named = json.assume.roles
      .map((role) => String(role.cache))
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.split('/').pop());

    const assumed = await r.run(['assume', '--profile', 'base', 'dev', OPS, 'Admin']);
    assert.equal(assumed.code, 0, assumed.stderr);
    for (const file of named) assert.ok(r.cacheFiles().includes(file as string), `assume wrote ${file}, as explain said`);

    const text = await r.run(['explain', '--profile', 'base', 'dev', 'Admin']);
    assert.match(text.stdout, /role 2: role Admin in the account of the credentials before it/);
  } finally {
    await r.close();
  }
});

test('explain shows the MFA session that starts the chain and which role sends the one code', async () => {
  const config = `${STATIC_BASE.replace('region = eu-west-1\n', 'region = eu-west-1\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n')}\n[profile mfa-role]\nrole_arn = arn:aws:iam::111122223333:role/Mfa\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/other\n`;
  const r = await e2eRig(config);
  try {
    const result = await r.run(['explain', '--profile', 'dev', 'mfa-role', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      assume: { mfaSession: Record<string, string>; roles: { roleArn: string; mfa?: { device: string; sendsCode: boolean } }[] };
    };
    assert.equal(json.assume.mfaSession.device, 'arn:aws:iam::111122223333:mfa/me');
    assert.match(json.assume.mfaSession.cache ?? '', /^~\/\.aws\/cli\/cache\/awsctl-session-[0-9a-f]{40}\.json$/);
    assert.deepEqual(
      json.assume.roles.map((role) => role.roleArn),
      ['arn:aws:iam::111122223333:role/Dev', 'arn:aws:iam::111122223333:role/Mfa'],
      "the profile's own role, then the argument",
    );
    assert.deepEqual(json.assume.roles[1]?.mfa, { device: 'arn:aws:iam::111122223333:mfa/other', sendsCode: true });
  } finally {
    await r.close();
  }
});
