// Bad input from issue 3, through the built CLI: each case must fail with exit 1, ONE line on
// stderr that names the profile, nothing on stdout, and in bounded time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { awsctlCommand, writeFiles } from '../helpers/cli.ts';
import { missing } from '../helpers/tools.ts';
import { stsError } from '../fake-aws/index.ts';
import { e2eRig, type E2eRig } from './setup.ts';
import { ROLE_PROFILE } from '../helpers/fixtures.ts';

const node = `"${process.execPath}"`;

interface Case {
  name: string;
  config: string;
  args: string[];
  env?: (r: E2eRig) => Record<string, string | undefined>;
  setup?: (r: E2eRig) => void;
  expect: RegExp;
  /** A credential_process helper's own stderr passes through (it may prompt); our line is the last. */
  helperStderrLines?: number;
}

const helperFiles = {
  'bad-json.mjs': 'process.stdout.write("this is not json")',
  'version2.mjs': 'process.stdout.write(JSON.stringify({Version:2,AccessKeyId:"A",SecretAccessKey:"B"}))',
  'exit1.mjs': 'process.stderr.write("helper: no session\\n"); process.exit(1)',
  'hang.mjs': 'setInterval(() => {}, 1000)',
};

const processProfile = (script: string) => (r: E2eRig) => `[profile p]\ncredential_process = ${node} "${join(r.home, script)}"\n`;

const cases: Array<Omit<Case, 'config'> & { config: string | ((r: E2eRig) => string) }> = [
  { name: 'missing profile', config: ROLE_PROFILE, args: ['env', '--profile', 'nope'], expect: /profile nope.*could not be found/ },
  {
    name: 'source_profile loop',
    config:
      '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::111122223333:role/B\nsource_profile = a\n',
    args: ['process', '--profile', 'a'],
    expect: /profile a: .*loop: a -> b -> a/,
  },
  {
    name: 'role_arn with neither source',
    config: '[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\n',
    args: ['env', '--profile', 'r'],
    expect: /profile r: .*source_profile.*credential_source/,
  },
  {
    name: 'both source_profile and credential_source',
    config: `${ROLE_PROFILE}[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = base\ncredential_source = Environment\n`,
    args: ['env', '--profile', 'r'],
    expect: /profile r: .*both source_profile and credential_source/,
  },
  { name: 'credential_process printing invalid JSON', config: processProfile('bad-json.mjs'), args: ['process', '--profile', 'p'], expect: /profile p.*JSON/i },
  { name: 'credential_process printing Version 2', config: processProfile('version2.mjs'), args: ['process', '--profile', 'p'], expect: /profile p.*Version/ },
  {
    name: 'credential_process exiting 1',
    config: processProfile('exit1.mjs'),
    args: ['env', '--profile', 'p'],
    expect: /profile p failed: it exited with status 1; its message is above/,
    helperStderrLines: 1,
  },
  {
    name: 'credential_process hanging',
    config: processProfile('hang.mjs'),
    args: ['env', '--profile', 'p'],
    env: () => ({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: '1' }),
    expect: /profile p.*did not finish within 1 second/,
  },
  {
    name: 'STS AccessDenied',
    config: ROLE_PROFILE,
    args: ['env', '--profile', 'dev'],
    setup: (r) => r.aws.sts.script({ kind: 'reply', ...stsError(403, 'AccessDenied', 'User base-user is not authorized to perform sts:AssumeRole') }),
    expect: /profile dev: sts:AssumeRole failed: AccessDenied: User base-user is not authorized/,
  },
  {
    name: 'STS ExpiredToken',
    config: ROLE_PROFILE,
    args: ['env', '--profile', 'dev'],
    setup: (r) => r.aws.sts.script({ kind: 'reply', ...stsError(400, 'ExpiredToken', 'The security token included in the request is expired') }),
    expect: /profile dev: .*ExpiredToken.* — .*expired/,
  },
  {
    name: 'STS throttling past the retry budget',
    config: ROLE_PROFILE,
    args: ['process', '--profile', 'dev'],
    env: () => ({ AWS_MAX_ATTEMPTS: '2' }),
    setup: (r) =>
      r.aws.sts.script({ kind: 'reply', ...stsError(400, 'Throttling', 'Rate exceeded') }, { kind: 'reply', ...stsError(400, 'Throttling', 'Rate exceeded') }),
    expect: /profile dev: .*Throttling: Rate exceeded \(gave up after 2 attempts\)/,
  },
  {
    name: 'malformed XML from STS',
    config: ROLE_PROFILE,
    args: ['env', '--profile', 'dev'],
    setup: (r) =>
      r.aws.sts.script({ kind: 'reply', status: 200, headers: { 'content-type': 'text/xml' }, body: '<AssumeRoleResponse><AssumeRoleResult><Credentials>' }),
    expect: /profile dev: sts:AssumeRole failed: .*malformed/,
  },
  {
    name: 'IMDS dead under credential_source',
    config: '[profile cs]\nrole_arn = arn:aws:iam::111122223333:role/X\ncredential_source = Ec2InstanceMetadata\n',
    args: ['env', '--profile', 'cs'],
    env: () => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }),
    expect: /profile cs: instance metadata: no instance metadata service/,
  },
  {
    name: 'container endpoint dead',
    config: '[profile cs]\nrole_arn = arn:aws:iam::111122223333:role/X\ncredential_source = EcsContainer\n',
    args: ['env', '--profile', 'cs'],
    env: () => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' }),
    expect: /profile cs: .*127\.0\.0\.1:9/,
  },
  {
    name: 'credential_process calling awsctl for the same profile',
    config: `[profile self]\ncredential_process = ${awsctlCommand.map((w) => `"${w}"`).join(' ')} process --profile self\n`,
    args: ['process', '--profile', 'self'],
    expect: /profile self.*leads back to awsctl for the same profile \(self → self\)/,
  },
];

for (const c of cases) {
  test(`bad input: ${c.name}`, async () => {
    const r = await e2eRig('');
    try {
      writeFiles(r.home, { ...helperFiles, '.aws/config': typeof c.config === 'string' ? c.config : c.config(r) });
      c.setup?.(r);
      const result = await r.run(c.args, c.env?.(r) ?? {}, 20_000);
      assert.equal(result.code, 1, `exit code; stderr: ${result.stderr}`);
      // env's stdout is for eval: only a statement that makes the eval fail (issue 15).
      assert.equal(result.stdout, c.args[0] === 'env' ? 'false\n' : '', 'nothing else on stdout');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1 + (c.helperStderrLines ?? 0), `one line on stderr (after the helper's own), got:\n${result.stderr}`);
      assert.match(lines.at(-1)!, /^awsctl: /);
      assert.match(lines.at(-1)!, c.expect);
    } finally {
      await r.close();
    }
  });
}

test('TLS failure to STS is one clear line; the profile ca_bundle makes the same endpoint work', async (t) => {
  const { makeTestCertificates, startFakeSts } = await import('../fake-aws/index.ts');
  const certs = makeTestCertificates();
  if (!certs) return t.skip(missing('openssl is not installed to make a test certificate (apt-get install openssl)'));
  const r = await e2eRig(ROLE_PROFILE);
  const tlsSts = await startFakeSts({ tls: { key: certs.serverKeyPem, cert: certs.serverCertPem } });
  try {
    const failed = await r.run(['env', '--profile', 'dev'], { AWS_ENDPOINT_URL_STS: tlsSts.url });
    assert.equal(failed.code, 1);
    assert.equal(failed.stdout, 'false\n');
    assert.equal(failed.stderr.trimEnd().split('\n').length, 1, failed.stderr);
    assert.match(failed.stderr, /^awsctl: profile dev: .*(certificate|TLS)/i);
    writeFiles(r.home, { 'ca.pem': certs.caPem, '.aws/config': ROLE_PROFILE.replace('region = eu-west-2', 'region = eu-west-2\nca_bundle = ~/ca.pem') });
    const trusted = await r.run(['env', '--profile', 'dev'], { AWS_ENDPOINT_URL_STS: tlsSts.url });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal(tlsSts.calls.length, 1);
  } finally {
    await tlsSts.close();
    await r.close();
  }
});

test('nothing configured and no IMDS: one line', async () => {
  const r = await e2eRig('');
  try {
    const result = await r.run(['env'], { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'false\n');
    assert.match(
      result.stderr,
      /^awsctl: credentials: none found; tried environment keys, web identity, a default profile \(there is none\), the container endpoint, instance metadata; last: instance metadata: .* — no profiles exist yet/,
    );
  } finally {
    await r.close();
  }
});
