// Table cases for `awsctl env`: which variables are set and cleared, and the exact text of each
// format for ordinary and awkward values. The real-shell proof is in env-quoting-shells.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsctlError, ExitCode } from '../../src/errors.ts';
import { clearedEnvironment, credentialEnvironment, STALE_IDENTITY_ENV_NAMES, type EnvAssignments } from '../../src/output/env-values.ts';
import { ENV_FORMATS, formatEnv, formatSh, formatFish, formatDotenv, formatEnvJson, isEnvFormat } from '../../src/output/env-formats.ts';

const temporary = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE==',
  expiration: new Date('2026-11-21T12:00:00.999Z'),
};
const longTerm = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };

function one(name: string, value: string): EnvAssignments {
  return { set: [{ name, value }], unset: [] };
}

const STALE = [...STALE_IDENTITY_ENV_NAMES];

test('temporary credentials set the token and expiration (RFC 3339 UTC, seconds rounded down) and clear profile variables', () => {
  const env = credentialEnvironment({ ...temporary, accountId: '111122223333' }, 'eu-west-1');
  assert.deepEqual(env.set, [
    { name: 'AWS_ACCESS_KEY_ID', value: 'ASIAEXAMPLE' },
    { name: 'AWS_SECRET_ACCESS_KEY', value: temporary.secretAccessKey },
    { name: 'AWS_SESSION_TOKEN', value: temporary.sessionToken },
    { name: 'AWS_CREDENTIAL_EXPIRATION', value: '2026-11-21T12:00:00Z' },
    { name: 'AWS_ACCOUNT_ID', value: '111122223333' },
    { name: 'AWS_REGION', value: 'eu-west-1' },
    { name: 'AWS_DEFAULT_REGION', value: 'eu-west-1' },
    { name: 'AWSCTL_EXPORTED', value: 'AWS_ACCESS_KEY_ID=ASIAEXAMPLE AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1' },
  ]);
  assert.deepEqual(env.unset, STALE);
});

test('every identity variable of another session is cleared (issue 21): AWS_SECURITY_TOKEN first of all', () => {
  const env = credentialEnvironment(temporary, 'eu-west-1');
  for (const name of [
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_SECURITY_TOKEN',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    'AWS_CREDENTIAL_FILE',
    'AWS_SECRET_KEY',
  ]) {
    assert.ok(env.unset.includes(name), name);
  }
  // An account id not known for these credentials: a stale one is cleared, never kept.
  assert.ok(env.unset.includes('AWS_ACCOUNT_ID'));
});

test('long-term keys clear a stale session token and expiration; no region means no region variables', () => {
  const env = credentialEnvironment(longTerm);
  assert.deepEqual(
    env.set.map((a) => a.name),
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWSCTL_EXPORTED'],
  );
  assert.deepEqual(env.unset, [...STALE, 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID']);
  assert.deepEqual(credentialEnvironment(longTerm, '').set.length, 3);
});

test('a region awsctl exported is cleared when the next identity has none; a region the user set stays', () => {
  const exported = {
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWSCTL_EXPORTED: 'AWS_ACCESS_KEY_ID=AKIAOLD AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1',
  };
  assert.ok(credentialEnvironment(longTerm, undefined, exported).unset.includes('AWS_REGION'));
  const userChanged = { ...exported, AWS_REGION: 'ap-south-1' };
  const unset = credentialEnvironment(longTerm, undefined, userChanged).unset;
  assert.ok(!unset.includes('AWS_REGION'), 'the user exported ap-south-1 after the eval');
  assert.ok(unset.includes('AWS_DEFAULT_REGION'));
});

test('empty keys are refused rather than printed', () => {
  assert.throws(() => credentialEnvironment({ accessKeyId: '', secretAccessKey: 'x' }), AwsctlError);
});

test('--unset clears every identity variable, and the regions only where awsctl set them', () => {
  assert.deepEqual(clearedEnvironment(), {
    set: [],
    unset: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_ACCOUNT_ID', ...STALE, 'AWSCTL_EXPORTED'],
  });
  const afterEval = { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'eu-west-1', AWSCTL_EXPORTED: 'AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1' };
  const unset = clearedEnvironment(afterEval).unset;
  assert.ok(unset.includes('AWS_REGION'));
  assert.ok(!unset.includes('AWS_DEFAULT_REGION'), 'changed by the user since');
});

test("sh: exact lines, quotes escaped as '\\'', unsets, trailing ; for unquoted eval", () => {
  const text = formatSh({ set: [{ name: 'A', value: "it's $HOME `x` \\n" }], unset: ['B'] });
  assert.equal(text, "export A='it'\\''s $HOME `x` \\n';\nunset B;\n");
  assert.equal(formatSh(one('A', '')), "export A='';\n");
  assert.equal(formatSh(one('A', "'")), "export A=''\\''';\n");
});

test('fish: backslash and quote are the only escapes', () => {
  assert.equal(formatFish({ set: [{ name: 'A', value: "a\\b'c$d(e)\n" }], unset: ['B'] }), "set -gx A 'a\\\\b\\'c$d(e)\n';\nset -e B;\n");
});

test('dotenv: plain values in double quotes; characters the dialects disagree on are refused by name', () => {
  assert.equal(formatDotenv(one('A', "a b#c 'd' é")), 'A="a b#c \'d\' é"\n');
  for (const [value, shown] of [
    ['a"b', '`"`'],
    ['a\\b', '`\\`'],
    ['$x', '`$`'],
    ['`x`', '`` ` ``'],
    ['a\nb', 'newline'],
    ['a\rb', 'carriage return'],
  ] as const) {
    assert.throws(
      () => formatDotenv(one('AWS_SECRET_ACCESS_KEY', `secretpart${value}`)),
      (error: AwsctlError) => {
        assert.ok(error instanceof AwsctlError);
        assert.match(error.message, /AWS_SECRET_ACCESS_KEY in dotenv format/);
        if (shown !== '`` ` ``') assert.ok(error.message.includes(shown), `${error.message} names ${shown}`);
        assert.ok(!error.message.includes('secretpart'), 'the value never appears in the error');
        return true;
      },
    );
  }
});

test('dotenv cannot unset: the set lines leave unsets out, and --unset alone is a usage error', () => {
  assert.equal(formatDotenv({ set: [{ name: 'A', value: 'x' }], unset: ['AWS_PROFILE'] }), 'A="x"\n');
  assert.throws(
    () => formatDotenv(clearedEnvironment()),
    (e: AwsctlError) => e.exitCode === ExitCode.usage,
  );
});

test('json: strings set, nulls clear, order kept', () => {
  const text = formatEnvJson({ set: [{ name: 'A', value: 'x"\n' }], unset: ['B'] });
  assert.equal(text, '{\n  "A": "x\\"\\n",\n  "B": null\n}\n');
  assert.deepEqual(Object.keys(JSON.parse(text)), ['A', 'B']);
});

test('every format refuses NUL and lone surrogates, naming the character but not the value', () => {
  for (const format of ENV_FORMATS) {
    for (const bad of ['topsecret\0x', 'topsecret\ud800x', 'topsecret\udfff']) {
      assert.throws(
        () => formatEnv(format, one('AWS_SESSION_TOKEN', bad)),
        (error: AwsctlError) => error instanceof AwsctlError && /U\+(0000|D800|DFFF)/.test(error.message) && !error.message.includes('topsecret'),
        `${format} refuses ${JSON.stringify(bad)}`,
      );
    }
  }
});

test('every format prints a realistic credential set without refusing anything', () => {
  for (const format of ENV_FORMATS) {
    const text = formatEnv(format, credentialEnvironment(temporary, 'us-gov-west-1'));
    assert.ok(text.includes(temporary.secretAccessKey), `${format} carries the secret key`);
    assert.ok(text.includes('2026-11-21T12:00:00Z'), `${format} carries the expiration`);
  }
});

test('isEnvFormat accepts exactly the documented names', () => {
  assert.deepEqual([...ENV_FORMATS], ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json']);
  assert.ok(isEnvFormat('fish'));
  assert.ok(!isEnvFormat('bash'));
  assert.ok(!isEnvFormat('toString'));
});
