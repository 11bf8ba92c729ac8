// The messages a new user meets in the first hour (issue 15 items 5, 9, 12), through the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e2eRig } from './setup.ts';

const TWO_PROFILES = '[profile dev]\nregion = us-east-1\naws_access_key_id = AKIADEV0000000000001\naws_secret_access_key = s\n[profile prod]\nregion = us-east-1\naws_access_key_id = AKIAPROD000000000002\naws_secret_access_key = s\n';

test('no credentials and no default profile: what was tried, that there is no default, and the profiles there are', async () => {
  const r = await e2eRig(TWO_PROFILES);
  try {
    const result = await r.run(['whoami'], { AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^awsctl: credentials: none found; tried environment keys, a default profile \(there is none\), web identity, the container endpoint, instance metadata/);
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
    assert.match(typo.stderr, /^awsctl: profile devv: the config profile \(devv\) could not be found — did you mean --profile dev\? \(profiles: dev, prod\)\n$/);
    const far = await r.run(['whoami', '--profile', 'staging']);
    assert.match(far.stderr, / — pass --profile: dev, prod\n$/);
  } finally {
    await r.close();
  }
});
