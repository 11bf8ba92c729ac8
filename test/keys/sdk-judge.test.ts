// The real consumers as judges of a stored-keys profile: after `awsctl keys add`, botocore (the
// AWS CLI's library) and the AWS SDK for JavaScript v3 get credentials for the profile through
// its `credential_process = awsctl process --profile me` (awsctl found on PATH, as users have it),
// and for a role whose source_profile is that profile (the SDK assumes the role itself, signed
// with the session awsctl handed out). The file store keeps the test independent of D-Bus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { awsctlCommand, cleanEnv, tempDir } from '../helpers/cli.ts';
import { PASSPHRASE, keysInput, keysRig, type KeysRig } from './rig.ts';
import { withSdkEnv } from '../helpers/sdk-env.ts';

const CONFIG = '[profile me]\nregion = eu-west-1\n\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = me\nregion = eu-west-1\n';

/** A folder with an `awsctl` that runs the CLI under test, to put first on PATH. */
function awsctlOnPath(): string {
  const bin = tempDir('awsctl-bin-');
  writeFileSync(join(bin, 'awsctl'), `#!/bin/sh\nexec ${awsctlCommand.map((w) => `'${w}'`).join(' ')} "$@"\n`);
  chmodSync(join(bin, 'awsctl'), 0o755);
  return bin;
}

async function storedKeysRig(): Promise<{ r: KeysRig; env: Record<string, string> }> {
  const r = await keysRig({ '.aws/config': CONFIG });
  const added = await r.run(['keys', 'add', '--profile', 'me', '--store', 'file'], { input: keysInput, env: { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE } });
  assert.equal(added.code, 0, added.stderr);
  const env = cleanEnv(r.home, {
    PATH: `${awsctlOnPath()}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    AWS_ENDPOINT_URL_STS: r.aws.sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE,
  });
  return { r, env };
}

/** An interpreter whose botocore honours AWS_ENDPOINT_URL_STS (botocore ≥ 1.31). */
function botocorePython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import botocore; v = tuple(int(x) for x in botocore.__version__.split(".")[:2]); print(v >= (1, 31))'], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && probe.stdout.trim() === 'True') return python;
  }
  return undefined;
}

const python = botocorePython();
// Asynchronous: the fake STS answers from this same process.
const botocoreCredentials = async (profile: string, env: Record<string, string>) =>
  JSON.parse((await promisify(execFile)(python!, ['-c', BOTOCORE, profile], { env, encoding: 'utf8' })).stdout) as Record<string, string>;
const BOTOCORE = `
import json, sys, botocore.session
creds = botocore.session.Session(profile=sys.argv[1]).get_credentials().get_frozen_credentials()
print(json.dumps({"id": creds.access_key, "secret": creds.secret_key, "token": creds.token}))
`;

test('botocore gets a session for the stored-keys profile and assumes a role on it', {
  skip: !python && 'no python3 with botocore >= 1.31 (for AWS_ENDPOINT_URL_STS)',
}, async () => {
  const { r, env } = await storedKeysRig();
  try {
    const me = await botocoreCredentials('me', env);
    assert.match(me.id!, /^ASIA/);
    assert.ok(me.token);
    const dev = await botocoreCredentials('dev', env);
    assert.match(dev.id!, /^ASIA/);
    const role = r.aws.sts.calls.find((c) => c.action === 'AssumeRole');
    assert.equal(role?.params.RoleArn, 'arn:aws:iam::111122223333:role/Dev');
    assert.equal(role?.signedWith, me.id, 'botocore signed AssumeRole with the session awsctl handed out');
    assert.equal(role?.signatureValid, true);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'GetSessionToken').length, 1, 'the second run took the cached session');
  } finally {
    await r.close();
  }
});

const awsCli = spawnSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' }).status === 0 ? '/usr/bin/aws' : undefined;

test('the AWS CLI v2 exports the session of the stored-keys profile', { skip: !awsCli && 'no /usr/bin/aws' }, async () => {
  const { r, env } = await storedKeysRig();
  try {
    const { stdout } = await promisify(execFile)(awsCli!, ['configure', 'export-credentials', '--profile', 'me', '--format', 'process'], {
      env,
      encoding: 'utf8',
    });
    const exported = JSON.parse(stdout) as Record<string, string>;
    assert.match(exported.AccessKeyId!, /^ASIA/, 'the AWS CLI got the session, not the long-term key');
    assert.ok(exported.SessionToken && exported.Expiration);
    const gst = r.aws.sts.calls.find((c) => c.action === 'GetSessionToken');
    assert.equal(gst?.signatureValid, true);
  } finally {
    await r.close();
  }
});

test('the JS SDK gets a session for the stored-keys profile and assumes a role on it', async () => {
  const { r, env } = await storedKeysRig();
  try {
    await withSdkEnv(
      { ...env, AWS_CONFIG_FILE: join(r.home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(r.home, '.aws', 'credentials') },
      async () => {
        const me = await fromIni({ profile: 'me' })();
        assert.match(me.accessKeyId, /^ASIA/);
        assert.ok(me.sessionToken && me.expiration instanceof Date);
        const dev = await fromIni({ profile: 'dev' })();
        assert.match(dev.accessKeyId, /^ASIA/);
        const role = r.aws.sts.calls.find((c) => c.action === 'AssumeRole');
        assert.equal(role?.signedWith, me.accessKeyId);
        assert.equal(role?.signatureValid, true);
      },
    );
  } finally {
    await r.close();
  }
});
