// The fake STS's GetFederationToken, judged by botocore (a real consumer of the STS query
// protocol): botocore signs the call, the fake verifies the signature, and botocore parses the
// answer. That the fake speaks STS's wire format is what makes the console tests' GetFederationToken
// checks mean something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startFakeSts } from '../fake-aws/index.ts';
import { runProcess } from '../helpers/cli.ts';

const PYTHON = ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import botocore.session'], { stdio: 'ignore' }).status === 0);

const SCRIPT = `
import json, sys, botocore.session
client = botocore.session.get_session().create_client('sts', region_name='us-east-1', endpoint_url=sys.argv[1],
    aws_access_key_id='AKIAJUDGE0000000001', aws_secret_access_key='judge-secret/with+slash')
answer = client.get_federation_token(Name='awsctl-judge', Policy='{"Version":"2012-10-17","Statement":[]}', DurationSeconds=1800,
    PolicyArns=[{'arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess'}])
print(json.dumps({'arn': answer['FederatedUser']['Arn'], 'key': answer['Credentials']['AccessKeyId'], 'token': bool(answer['Credentials']['SessionToken']), 'expiration': answer['Credentials']['Expiration'].isoformat()}))
`;

test('botocore calls the fake GetFederationToken and reads its answer', { skip: PYTHON ? false : 'no python3 with botocore' }, async () => {
  const sts = await startFakeSts({ now: () => new Date('2030-01-01T00:00:00Z') });
  try {
    sts.addKey('AKIAJUDGE0000000001', 'judge-secret/with+slash');
    const out = await runProcess([PYTHON!, '-c', SCRIPT, sts.url], {
      env: { PATH: process.env.PATH ?? '/usr/bin', HOME: '/nonexistent', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    assert.equal(out.code, 0, out.stderr);
    const call = sts.calls.at(-1)!;
    assert.equal(call.action, 'GetFederationToken');
    assert.equal(call.signatureValid, true, "botocore's SigV4 signature verifies");
    assert.deepEqual(call.params, {
      Name: 'awsctl-judge',
      Policy: '{"Version":"2012-10-17","Statement":[]}',
      DurationSeconds: '1800',
      'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    const answer = JSON.parse(out.stdout) as { arn: string; key: string; token: boolean; expiration: string };
    assert.equal(answer.arn, 'arn:aws:sts::123456789012:federated-user/awsctl-judge');
    assert.ok(sts.federationTokenKeys.has(answer.key));
    assert.equal(answer.token, true);
    assert.equal(new Date(answer.expiration).toISOString(), '2030-01-01T00:30:00.000Z');
  } finally {
    await sts.close();
  }
});
