// A forgotten `eval` or `--` must not put secrets on a terminal (issue 15 item 4): `env` and
// `assume` with stdout on a real terminal (tmux) print a summary instead; an explicit --format
// still prints the variables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempHome } from '../helpers/cli.ts';
import { startShell } from '../helpers/tmux-shell.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { awsctlShimDir, bundleBuilt, NO_BUNDLE } from '../ship/shells.ts';
import { startFakeAws } from '../fake-aws/index.ts';

const SECRET = 'dev-secret-DO-NOT-SHOW';
const CONFIG = `[profile dev]
region = us-east-1
aws_access_key_id = AKIADEV0000000000001
aws_secret_access_key = ${SECRET}
`;

const skip = skipWithoutTool('tmux') || (!bundleBuilt() ? NO_BUNDLE : false);

test('env and assume on a terminal print a summary, never the secret; --format prints it', { skip, timeout: 120_000 }, async () => {
  const aws = await startFakeAws();
  aws.sts.addKey('AKIADEV0000000000001', SECRET, 'arn:aws:iam::111111111111:user/dev');
  const session = await startShell('bash', tempHome({ '.aws/config': CONFIG }), {
    pathDir: awsctlShimDir(),
    env: { AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1' },
  });
  try {
    session.run('awsctl env --profile dev; echo "env-status=$?"');
    let screen = await session.waitForScreen(/env-status=\d/);
    assert.match(screen, /env-status=0/);
    assert.match(screen, /secrets are not shown/);
    assert.match(screen, /eval "\$\(awsctl env --profile dev\)"/);
    assert.match(screen, /awsctl exec --profile dev -- <command>/);
    assert.match(screen, /…0001/);
    assert.doesNotMatch(screen, new RegExp(SECRET));

    // The mistake from the issue: a command without `--` is read as more roles. Whatever the
    // roles do, no secret reaches the screen; a real chain gets the summary.
    session.run('clear; awsctl assume --profile dev arn:aws:iam::222222222222:role/Target; echo "assume-status=$?"');
    screen = await session.waitForScreen(/assume-status=\d/);
    assert.match(screen, /assume-status=0/);
    assert.match(screen, /Role +arn:aws:iam::222222222222:role\/Target/);
    assert.match(screen, /eval "\$\(awsctl assume --profile dev arn:aws:iam::222222222222:role\/Target\)"/);
    assert.doesNotMatch(screen, /AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);

    session.run('clear; awsctl env --profile dev --format sh; echo "explicit-status=$?"');
    screen = await session.waitForScreen(/explicit-status=\d/);
    assert.match(screen, new RegExp(`export AWS_SECRET_ACCESS_KEY='${SECRET}'`), 'asked for explicitly');

    // And eval still gets the lines: stdout is a pipe there.
    session.run('clear; eval "$(awsctl env --profile dev)"; echo "key=$AWS_ACCESS_KEY_ID"');
    screen = await session.waitForScreen(/key=\S+/);
    assert.match(screen, /key=AKIADEV0000000000001/);
  } finally {
    session.close();
    await aws.close();
  }
});
