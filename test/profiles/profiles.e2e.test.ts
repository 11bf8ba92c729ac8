// `awsctl profiles` through the built CLI: kinds as the planner sees them, region, what each
// depends on, which files declare it; warnings on stderr; JSON for scripts.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, tempHome } from '../helpers/cli.ts';

const CONFIG = [
  '[default]',
  'region = us-east-1',
  '[profile base]',
  'region = eu-west-1',
  '[profile admin]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = base',
  '[profile ec2]',
  'role_arn = arn:aws:iam::123456789012:role/Ec2',
  'credential_source = Ec2InstanceMetadata',
  '[profile sso-dev]',
  'sso_session = corp',
  'sso_account_id = 123456789012',
  'sso_role_name = Dev',
  'region = ap-south-1',
  '[sso-session corp]',
  'sso_start_url = https://corp.awsapps.com/start',
  'sso_region = us-east-1',
  '[profile legacy-sso]',
  'sso_start_url = https://old.awsapps.com/start',
  'sso_region = us-east-1',
  'sso_account_id = 123456789012',
  'sso_role_name = Old',
  '[profile proc]',
  'credential_process = /bin/echo {}',
  '[profile web]',
  'role_arn = arn:aws:iam::123456789012:role/Web',
  'web_identity_token_file = /tmp/token',
  '[profile dangling]',
  'role_arn = arn:aws:iam::123456789012:role/X',
  'source_profile = nowhere',
  '[profile bad-sso]',
  'sso_session = missing',
  'sso_account_id = 1',
  'sso_role_name = R',
  '[profile bad name]',
  'region = x',
  '',
].join('\n');

const CREDENTIALS =
  '[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n[creds-only]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = x\n';

test('profiles --json: every profile of both files with kind, region, dependency and files', async () => {
  const home = tempHome({ '.aws/config': CONFIG, '.aws/credentials': CREDENTIALS });
  chmodSync(join(home, '.aws', 'credentials'), 0o600); // as the AWS CLI writes it: no permission warning
  const result = await runCli(['profiles', '--json'], { home });
  assert.equal(result.code, 0);
  const row = (name: string, kind: string, extra: Record<string, unknown> = {}) => ({
    name,
    kind,
    region: null,
    sourceProfile: null,
    ssoSession: null,
    credentialSource: null,
    files: ['config'],
    problem: null,
    ...extra,
  });
  assert.deepEqual(JSON.parse(result.stdout), [
    row('default', 'none', { region: 'us-east-1' }),
    row('base', 'static', { region: 'eu-west-1', files: ['config', 'credentials'] }),
    row('admin', 'assume-role', { sourceProfile: 'base' }),
    row('ec2', 'credential-source', { credentialSource: 'Ec2InstanceMetadata' }),
    row('sso-dev', 'sso', { region: 'ap-south-1', ssoSession: 'corp' }),
    row('legacy-sso', 'sso'),
    row('proc', 'process'),
    row('web', 'web-identity'),
    row('dangling', 'assume-role', { sourceProfile: 'nowhere', problem: 'could not find source profile nowhere referenced from dangling' }),
    row('bad-sso', 'sso', { ssoSession: 'missing', problem: 'sso-session named `missing` (referenced by profile `bad-sso`) was not found' }),
    row('creds-only', 'static', { files: ['credentials'] }),
  ]);
  const configPath = `${home}/.aws/config`;
  assert.equal(
    result.stderr,
    [
      `awsctl: warning: ${configPath}:36: section [profile bad name] is ignored: 'bad name' is not a valid name (use letters, digits and - / . % @ _ : +), e.g. bad-name`,
      'awsctl: warning: profile dangling: could not find source profile nowhere referenced from dangling',
      'awsctl: warning: profile bad-sso: sso-session named `missing` (referenced by profile `bad-sso`) was not found',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(result.stdout + result.stderr, /wJalr|AKIAIOSFODNN7EXAMPLE/);
});

test('profiles: an aligned table', async () => {
  const home = tempHome({
    '.aws/config': '[profile base]\nregion = eu-west-1\n[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = base\n',
    '.aws/credentials': '[base]\naws_access_key_id = A\naws_secret_access_key = B\n',
  });
  chmodSync(join(home, '.aws', 'credentials'), 0o600);
  const result = await runCli(['profiles'], { home });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  assert.equal(
    result.stdout,
    [
      'PROFILE   KIND          REGION      DEPENDS ON            FILES',
      'base      static        eu-west-1   -                     config, credentials',
      'admin     assume-role   -           source_profile base   config',
      '',
    ].join('\n'),
  );
});

test('profiles with no files: an empty JSON array, or a note on stderr', async () => {
  const home = tempHome();
  assert.deepEqual(await runCli(['profiles', '--json'], { home }), { code: 0, signal: null, stdout: '[]\n', stderr: '' });
  const table = await runCli(['profiles'], { home });
  assert.equal(table.code, 0);
  assert.equal(table.stdout, '');
  assert.match(table.stderr, /^awsctl: no profiles in .*\/\.aws\/config or .*\/\.aws\/credentials\n$/);
});
