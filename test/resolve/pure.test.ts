// The executor's pure helpers: the child environment for exec, exit statuses, provider names,
// whoami's text, keys from the environment, and how errors get the profile's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childEnvironment } from '../../src/output/child-env.ts';
import { statusOf } from '../../src/io/run-inherited.ts';
import { providerName } from '../../src/resolve/sources/index.ts';
import { keysToCredentials } from '../../src/resolve/sources/keys.ts';
import { asBroken, inProfile } from '../../src/resolve/errors.ts';
import { whoamiText } from '../../src/cli/commands/whoami.ts';
import { AwsServiceError } from '../../src/aws/service-error.ts';
import { AwsctlError } from '../../src/errors.ts';
import type { BaseSource, RoleHop } from '../../src/plan/types.ts';

test('childEnvironment sets the credentials and region, drops AWS_PROFILE and a stale session token', () => {
  const env = childEnvironment(
    { PATH: '/bin', AWS_PROFILE: 'x', AWS_DEFAULT_PROFILE: 'y', AWS_SESSION_TOKEN: 'stale', AWS_CREDENTIAL_EXPIRATION: 'old', UNSET: undefined },
    { accessKeyId: 'AKIA1', secretAccessKey: 's1' },
    'eu-west-1',
  );
  assert.deepEqual(env, {
    PATH: '/bin',
    AWS_ACCESS_KEY_ID: 'AKIA1',
    AWS_SECRET_ACCESS_KEY: 's1',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWSCTL_EXPORTED: 'AWS_ACCESS_KEY_ID=AKIA1 AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1',
  });
  const temporary = childEnvironment(
    {
      AWS_SECURITY_TOKEN: 'other-session',
      AWS_ACCOUNT_ID: '999999999999',
      AWS_ROLE_ARN: 'arn:aws:iam::9:role/x',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://x',
    },
    { accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration: new Date('2030-01-01T00:00:00.900Z'), accountId: '111122223333' },
    undefined,
  );
  assert.deepEqual(temporary, {
    AWS_ACCESS_KEY_ID: 'ASIA1',
    AWS_SECRET_ACCESS_KEY: 's',
    AWS_SESSION_TOKEN: 't',
    AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
    AWS_ACCOUNT_ID: '111122223333',
    AWSCTL_EXPORTED: 'AWS_ACCESS_KEY_ID=ASIA1',
  });
});

test('statusOf follows the shell: the exit code, else 128 + the signal number', () => {
  const signals = { SIGTERM: 15, SIGINT: 2 };
  assert.equal(statusOf({ exitCode: 3, signal: null }, signals), 3);
  assert.equal(statusOf({ exitCode: null, signal: 'SIGTERM' }, signals), 143);
  assert.equal(statusOf({ exitCode: null, signal: 'SIGWHAT' }, signals), 1);
});

test('provider names for whoami', () => {
  const keys = { accessKeyId: 'AKIA', secretAccessKey: 's' };
  const hop = (profile: string): RoleHop => ({ roleArn: `arn:aws:iam::111122223333:role/${profile}`, profile });
  const staticBase: BaseSource = { kind: 'static', profile: 'base', keys };
  const imdsSource: BaseSource = {
    kind: 'credential-source',
    profile: 'r',
    source: 'Ec2InstanceMetadata',
    imds: { disabled: false, endpoint: 'http://x', endpointSource: 'mode', mode: 'IPv4', tokenUrl: 'http://x/latest/api/token', timeoutMs: 1000, attempts: 1 },
  };
  assert.equal(providerName({ kind: 'environment', keys }, []), 'env');
  assert.equal(providerName(staticBase, []), 'static profile base');
  assert.equal(providerName(staticBase, [hop('dev')]), 'assume-role via profile base');
  assert.equal(providerName(staticBase, [hop('dev'), hop('prod')]), 'assume-role via profile dev');
  assert.equal(providerName(imdsSource, [hop('r')]), 'assume-role via credential_source Ec2InstanceMetadata');
  assert.equal(providerName({ kind: 'credential-process', profile: 'p', command: 'x' }, []), 'credential_process');
  assert.equal(providerName({ kind: 'sso', profile: 's', startUrl: 'u', ssoRegion: 'r', accountId: '1', roleName: 'R' }, []), 'sso');
});

test('whoamiText aligns the fields and says how long is left', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const text = whoamiText({ Account: '1', Arn: 'arn:x\u001b[31m', UserId: 'U', Provider: 'env', Expiration: '2030-01-01T00:45:00Z' }, now);
  assert.match(text, /^Account {4}1$/m);
  assert.match(text, /^Arn {8}arn:x\?\[31m$/m, 'control characters from the network are neutralized');
  assert.match(text, /^Expiration 2030-01-01T00:45:00Z \(in 45 min\)$/m);
  assert.match(whoamiText({ Account: '1', Arn: 'a', UserId: 'U', Provider: 'env', Expiration: null }, now), /^Expiration never \(long-term keys\)$/m);
});

test('environment keys: an unreadable AWS_CREDENTIAL_EXPIRATION is ignored, a valid one is kept', () => {
  const keys = { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', accountId: '123456789012' };
  assert.equal(keysToCredentials(keys, 'soon').expiration, undefined);
  assert.equal(keysToCredentials(keys, '2030-01-01T00:00:00Z').expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
  assert.equal(keysToCredentials(keys).accountId, '123456789012');
});

test('inProfile names the profile once and adds a hint for known service errors; asBroken stops the chain', () => {
  const denied = new AwsServiceError({ service: 'sts', operation: 'AssumeRole', status: 403, code: 'AccessDenied', message: 'no' });
  const wrapped = inProfile('dev', denied) as AwsctlError;
  assert.equal(
    wrapped.message,
    "profile dev: sts:AssumeRole failed: AccessDenied: no — check the role's trust policy and that the source credentials may call sts:AssumeRole on it",
  );
  assert.equal(inProfile('dev', wrapped), wrapped, 'already named: unchanged');
  const cancelled = new AwsctlError('cancelled', 'x', { exitCode: 130 });
  assert.equal(inProfile('dev', cancelled), cancelled);
  const optional = new AwsctlError('imds', 'absent', { notConfigured: true });
  assert.equal((asBroken(optional) as AwsctlError).notConfigured, false);
});
