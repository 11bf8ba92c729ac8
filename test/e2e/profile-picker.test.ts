// No profile given and no default (issue 15 item 14): on a terminal a searchable list of the
// profiles (name, kind, account) is offered instead of failing; never with --no-input, never
// for `process`, never without a terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, tempHome } from '../helpers/cli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startShell } from '../helpers/tmux-shell.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { awsctlShimDir } from '../ship/shells.ts';
import { profileChoices } from '../../src/cli/pick-profile.ts';
import { loadProfileFiles } from '../../src/profile/load.ts';
import { createNodeContext } from '../../src/io/node-context.ts';

const CONFIG = `[profile dev]
region = us-east-1
aws_access_key_id = AKIADEVPICK000000001
aws_secret_access_key = dev-secret
[profile prod]
region = eu-west-1
aws_access_key_id = AKIAPRODPICK00000002
aws_secret_access_key = prod-secret
[profile prod-admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = prod
`;

test('the choices: every profile with kind, account and region; none when env keys or a default exist', () => {
  const home = tempHome({ '.aws/config': CONFIG });
  const ctx = { ...createNodeContext({ debug: false, input: true }), env: { HOME: home } };
  const set = loadProfileFiles(ctx).set;
  assert.deepEqual(profileChoices(set, ctx.env), [
    { name: 'dev', value: 'dev', description: 'static · us-east-1' },
    { name: 'prod', value: 'prod', description: 'static · eu-west-1' },
    { name: 'prod-admin', value: 'prod-admin', description: 'assume-role · 222222222222' },
  ]);
  assert.deepEqual(profileChoices(set, { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' }), []);
});

test('on a terminal: type to search, Enter picks, the command goes on with that profile', { skip: skipWithoutTool('tmux'), timeout: 60_000 }, async () => {
  const home = tempHome({ '.aws/config': CONFIG });
  // stdout to a file, as in eval "$(…)"; stdin and stderr stay on the terminal.
  const session = await startShell('bash', home, { pathDir: awsctlShimDir(), env: { AWS_EC2_METADATA_DISABLED: 'true' } });
  try {
    session.run('awsctl env --format json > out.json; echo "status=$?"');
    // The question is drawn before its list: wait for the list.
    const screen = await session.waitForScreen(/pick one[\s\S]*prod-admin/);
    assert.match(screen, /dev/);
    assert.match(screen, /prod-admin/);
    session.type('eu-west');
    // Search matches the description too: only prod (static · eu-west-1) is left.
    await session.waitForScreen({ test: (text: string) => !/prod-admin/.test(text.split('pick one').at(-1) ?? '') } as RegExp);
    session.press('Enter');
    await session.waitForScreen(/status=\d/);
    assert.match(session.screen(), /status=0/);
    assert.equal(JSON.parse(readFileSync(join(home, 'out.json'), 'utf8')).AWS_ACCESS_KEY_ID, 'AKIAPRODPICK00000002');
  } finally {
    session.close();
  }
});

test('never with --no-input, for process, or without a terminal: the exhausted-chain error lists the profiles', async () => {
  const home = tempHome({ '.aws/config': CONFIG });
  for (const args of [['env', '--no-input'], ['process'], ['env']]) {
    const result = await runCli(args, { home, env: { AWS_EC2_METADATA_DISABLED: 'true' } });
    assert.equal(result.code, 1, args.join(' '));
    assert.match(result.stderr, /pass --profile: dev, prod, prod-admin/);
  }
});
