// `configure set` / `unset` through the built CLI against fixture files full of oddities, in
// LF, CRLF+BOM and no-final-newline variants: the resulting bytes must equal the input with
// exactly the intended lines changed, and the file not edited must stay byte-identical.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { CONFIG_LINES, CREDENTIALS_LINES, fixtureHome, insertAfter, removeLines, render, replaceLine, VARIANTS } from './fixtures.ts';

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
  config?: (lines: readonly string[]) => string[];
  credentials?: (lines: readonly string[]) => string[];
}

const cases: Case[] = [
  {
    name: 'set replaces a value in place, keeping the inline comment and spacing',
    args: ['configure', 'set', 'region', 'eu-west-2'],
    config: (l) => replaceLine(l, 'region=us-east-1 ; inline comment', 'region=eu-west-2 ; inline comment'),
  },
  {
    name: 'set replaces a value with odd spacing, keeping it',
    args: ['configure', 'set', 'role_arn', 'arn:aws:iam::123456789012:role/Other', '--profile', 'dev'],
    config: (l) => replaceLine(l, 'role_arn   =   arn:aws:iam::123456789012:role/Dev', 'role_arn   =   arn:aws:iam::123456789012:role/Other'),
  },
  {
    name: 'set adds a new key after the last setting of the last duplicate section',
    args: ['configure', 'set', 'duration_seconds', '3600', '--profile', 'dev'],
    config: (l) => insertAfter(l, 'mfa_serial = arn:aws:iam::123456789012:mfa/me', ['duration_seconds = 3600']),
  },
  {
    name: 'set rewrites an existing sub-setting',
    args: ['configure', 'set', 's3.max_concurrent_requests', '20', '--profile', 'dev'],
    config: (l) => replaceLine(l, '  max_concurrent_requests = 10', '  max_concurrent_requests = 20'),
  },
  {
    name: 'set adds a sub-setting at the end of the block, past the comment inside it',
    args: ['configure', 'set', 's3.addressing_style', 'path', '--profile', 'dev'],
    config: (l) => insertAfter(l, '  multipart_threshold = 64MB', ['  addressing_style = path']),
  },
  {
    name: 'set creates a [profile x] section at the end for a new profile (AWS_PROFILE selects it)',
    args: ['configure', 'set', 'region', 'ap-south-1'],
    env: { AWS_PROFILE: 'fresh' },
    config: (l) => [...l, '', '[profile fresh]', 'region=ap-south-1'],
  },
  {
    name: 'set addresses [sso-session NAME]',
    args: ['configure', 'set', 'sso-session.corp.sso_region', 'eu-central-1'],
    config: (l) => replaceLine(l, 'sso_region = us-east-1', 'sso_region = eu-central-1'),
  },
  {
    name: 'set addresses [services NAME] blocks',
    args: ['configure', 'set', 'services.local.sts.endpoint_url', 'http://localhost:4567'],
    config: (l) => replaceLine(l, '    endpoint_url = http://localhost:4566', '    endpoint_url = http://localhost:4567'),
  },
  {
    name: 'set profile.NAME.key and default.key address other profiles (AWS CLI forms)',
    args: ['configure', 'set', 'profile.base.output', 'text', '--profile', 'dev'],
    config: (l) => [...l, 'output=text'],
  },
  {
    name: 'set writes a secret to the credentials file, in place',
    args: ['configure', 'set', 'aws_access_key_id', 'AKIAI44QH8DHBEXAMPLE', '--profile', 'base'],
    credentials: (l) => replaceLine(l, 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = AKIAI44QH8DHBEXAMPLE'),
  },
  {
    name: 'set writes a new secret under the bare [name] header of the credentials file',
    args: ['configure', 'set', 'aws_secret_access_key', 'newsecretnewsecret', '--profile', 'dev'],
    credentials: (l) => [...l, 'aws_secret_access_key = newsecretnewsecret'],
  },
  {
    name: 'unset removes one line',
    args: ['configure', 'unset', 'source_profile', '--profile', 'dev'],
    config: (l) => removeLines(l, 'source_profile = base'),
  },
  {
    name: 'unset of a sub-setting removes only that line',
    args: ['configure', 'unset', 's3.max_concurrent_requests', '--profile', 'dev'],
    config: (l) => removeLines(l, '  max_concurrent_requests = 10'),
  },
  {
    name: 'unset of the last sub-setting of a block removes the block header too',
    args: ['configure', 'unset', 'services.local.sts.endpoint_url'],
    config: (l) => removeLines(l, 'sts =', '    endpoint_url = http://localhost:4566'),
  },
  {
    name: 'unset of a secret removes it from the credentials file',
    args: ['configure', 'unset', 'aws_session_token', '--profile', 'dev'],
    credentials: (l) => removeLines(l, 'aws_session_token = token-dev'),
  },
  {
    name: 'unset of a whole block removes its indented lines and the comment stays',
    args: ['configure', 'unset', 's3', '--profile', 'dev'],
    config: (l) => removeLines(l, 's3 =', '  max_concurrent_requests = 10', '  multipart_threshold = 64MB'),
  },
];

for (const variant of VARIANTS) {
  for (const c of cases) {
    test(`${c.name} [${variant.name}]`, async () => {
      const files = fixtureHome(variant);
      const result = await runCli(c.args, { home: files.home, env: c.env });
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '');
      assert.equal(readFileSync(files.config, 'utf8'), render(c.config ? c.config(CONFIG_LINES) : CONFIG_LINES, variant));
      assert.equal(readFileSync(files.credentials, 'utf8'), render(c.credentials ? c.credentials(CREDENTIALS_LINES) : CREDENTIALS_LINES, variant));
    });
  }
}

test('unset of a key that is not there changes nothing and says so on stderr', async () => {
  const variant = VARIANTS[0]!;
  const files = fixtureHome(variant);
  const result = await runCli(['configure', 'unset', 'nothing_here', '--profile', 'dev'], { home: files.home });
  assert.equal(result.code, 0);
  assert.match(result.stderr, /^awsctl: nothing_here of profile dev was not set; nothing changed\n$/);
  assert.equal(readFileSync(files.config, 'utf8'), render(CONFIG_LINES, variant));
});
