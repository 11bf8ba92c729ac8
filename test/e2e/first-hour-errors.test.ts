// The messages a new user meets in the first hour (issue 15 items 5, 9, 12), through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eRig } from './setup.ts';

const TWO_PROFILES =
  '[profile dev]\nregion = us-east-1\naws_access_key_id = AKIADEV0000000000001\naws_secret_access_key = s\n[profile prod]\nregion = us-east-1\naws_access_key_id = AKIAPROD000000000002\naws_secret_access_key = s\n';

test('no credentials and no default profile: what was tried, that there is no default, and the profiles there are', async () => {
  const r = await e2eRig(TWO_PROFILES);
  try {
    const result = await r.run(['whoami'], { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(
      result.stderr,
      /^awsctl: credentials: none found; tried environment keys, web identity, a default profile \(there is none\), the container endpoint, instance metadata/,
    );
    assert.match(result.stderr, / — pass --profile: dev, prod\n$/);
    // IMDS disabled: decided before any call, same advice.
    const planned = await r.run(['whoami']);
    assert.match(planned.stderr, / — pass --profile: dev, prod\n$/);
  } finally {
    await r.close();
  }
});

test('a mistyped profile name gets a suggestion; a name far from any gets the list', async () => {
  const r = await e2eRig(TWO_PROFILES);
  try {
    const typo = await r.run(['whoami', '--profile', 'devv']);
    assert.equal(typo.code, 1);
    assert.match(
      typo.stderr,
      /^awsctl: profile devv: the config profile \(devv\) could not be found — did you mean --profile dev\? \(profiles: dev, prod\)\n$/,
    );
    const far = await r.run(['whoami', '--profile', 'staging']);
    assert.match(far.stderr, / — pass --profile: dev, prod\n$/);
  } finally {
    await r.close();
  }
});

test("nested credential_process: the helper's stderr once, then exactly one awsctl line that does not repeat it", async () => {
  const { awsctlCommand, writeFiles } = await import('../helpers/cli.ts');
  const awsctl = awsctlCommand.map((w) => `"${w}"`).join(' ');
  const r = await e2eRig('');
  try {
    writeFiles(r.home, {
      'fail.mjs': 'process.stderr.write("helper: no session, run login\\n"); process.exit(1)',
      '.aws/config': [
        `[profile a]\ncredential_process = ${awsctl} process --profile b`,
        `[profile b]\ncredential_process = ${awsctl} process --profile c`,
        `[profile c]\ncredential_process = "${process.execPath}" "${r.home}/fail.mjs"`,
        `[profile l1]\ncredential_process = ${awsctl} process --profile l2`,
        `[profile l2]\ncredential_process = ${awsctl} process --profile l3`,
        `[profile l3]\ncredential_process = ${awsctl} process --profile l1`,
      ].join('\n'),
    });
    const nested = await r.run(['env', '--profile', 'a', '--format', 'json']);
    assert.equal(nested.code, 1);
    assert.deepEqual(nested.stderr.trimEnd().split('\n'), [
      'helper: no session, run login',
      'awsctl: credential_process for profile c (reached through a → b) failed: it exited with status 1; its message is above — run the credential_process command yourself to see its full output',
    ]);
    const loop = await r.run(['process', '--profile', 'l1']);
    assert.equal(loop.code, 1);
    assert.equal(loop.stdout, '', 'the marker for an outer awsctl is not printed to a person');
    assert.equal(loop.stderr.trimEnd().split('\n').length, 1, loop.stderr);
    assert.match(
      loop.stderr,
      /^awsctl: cannot get credentials for profile l1: its credential_process leads back to awsctl for the same profile \(l1 → l2 → l3 → l1\)/,
    );
  } finally {
    await r.close();
  }
});

test('configure set with a mistyped setting name warns with a suggestion and still writes it', async () => {
  const { readFileSync } = await import('node:fs');
  const r = await e2eRig('[profile dev]\nregion = us-east-1\n');
  try {
    const typo = await r.run(['configure', 'set', 'regoin', 'eu-west-1', '--profile', 'dev']);
    assert.equal(typo.code, 0, typo.stderr);
    assert.equal(typo.stderr, "awsctl: warning: 'regoin' is not a setting the AWS CLI or SDKs read — did you mean 'region'? (written anyway)\n");
    assert.match(readFileSync(`${r.home}/.aws/config`, 'utf8'), /^regoin = eu-west-1$/m);
    const known = await r.run(['configure', 'set', 'cli_pager', '', '--profile', 'dev']);
    assert.equal(known.stderr, '', 'a real setting: no warning');
  } finally {
    await r.close();
  }
});

test('per-command --help shows only the global options that mean something there', async () => {
  const r = await e2eRig('');
  try {
    const completion = await r.run(['completion', '--help']);
    assert.doesNotMatch(completion.stdout, /--profile|--region|--no-input|--debug/);
    const listProfiles = await r.run(['configure', 'list-profiles', '--help']);
    assert.doesNotMatch(listProfiles.stdout, /--region|--profile/);
    const env = await r.run(['env', '--help']);
    for (const option of ['--profile', '--region', '--no-input', '--debug']) assert.match(env.stdout, new RegExp(option));
    // Still accepted where hidden: an old script's `--debug` is no usage error.
    const accepted = await r.run(['configure', 'list-profiles', '--debug']);
    assert.equal(accepted.code, 0, accepted.stderr);
  } finally {
    await r.close();
  }
});

test('--debug and explain show a cache path the same way', async () => {
  const r = await e2eRig(
    '[profile base]\naws_access_key_id = AKIABASEKEY000000001\naws_secret_access_key = base-secret-key/with+slash\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = base\n',
  );
  try {
    const explain = await r.run(['explain', '--profile', 'dev']);
    const path = /cache: (~\/\.aws\/cli\/cache\/[0-9a-f]{40}\.json)/.exec(explain.stdout)?.[1];
    assert.ok(path, explain.stdout);
    const debug = await r.run(['process', '--profile', 'dev', '--debug']);
    assert.equal(debug.code, 0, debug.stderr);
    assert.ok(debug.stderr.includes(path), `--debug shows ${path}:\n${debug.stderr}`);
    assert.ok(!debug.stderr.includes('base-secret-key'), 'secrets stay out');
  } finally {
    await r.close();
  }
});
