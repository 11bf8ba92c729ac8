// What `env`, `env --unset`, `exec` and `assume` do to a real shell's environment (issue 15
// items 2, 3, 8; issue 14 item 9; issue 21 item 4): the output is evaluated by dash, bash, zsh
// and fish as a user would, and botocore reads the environment exec gives a child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cleanEnv, runProcess, tempHome } from '../helpers/cli.ts';
import { awsctlShimDir } from '../ship/shells.ts';
import { which } from '../helpers/tools.ts';
import { startFakeAws } from '../fake-aws/index.ts';

const CONFIG = `[profile dev]
region = us-east-1
aws_access_key_id = AKIADEV0000000000001
aws_secret_access_key = dev-secret
aws_account_id = 111111111111

[profile eu]
region = eu-west-1
aws_access_key_id = AKIAEU00000000000002
aws_secret_access_key = eu-secret

[profile noregion]
aws_access_key_id = AKIANOREGION00000003
aws_secret_access_key = noregion-secret
`;

const shim = awsctlShimDir();

interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `script` in `shell` with a temp HOME holding CONFIG and the built awsctl first on PATH. */
function inShell(shell: string, script: string, env: Record<string, string> = {}, home = tempHome({ '.aws/config': CONFIG })): Promise<ShellResult> {
  const vars = cleanEnv(home, { AWS_EC2_METADATA_DISABLED: 'true', ...env });
  vars.PATH = `${shim}:${vars.PATH}`;
  const args = shell === 'fish' ? ['--no-config', '-c', script] : shell === 'zsh' ? ['-f', '-c', script] : ['-c', script];
  return runProcess([shell, ...args], { env: vars, cwd: home, timeoutMs: 60_000 });
}

const POSIX = ['dash', 'bash', 'zsh'].filter((s) => which(s));
const fish = which('fish');

for (const shell of POSIX) {
  test(`${shell}: eval of a failed env or assume fails, so the command after && does not run`, async () => {
    for (const command of [
      'awsctl env --profile typo',
      'awsctl env --profle dev',
      'awsctl env --format sh --profile typo',
      'awsctl assume --profile typo SomeRole',
      'awsctl --profile typo env',
    ]) {
      const run = await inShell(shell, `eval "$(${command})" && echo RAN; echo "status=$?"`);
      assert.doesNotMatch(run.stdout, /RAN/, `${shell}: ${command}`);
      assert.match(run.stdout, /status=[1-9]/, `${shell}: ${command}`);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, `one line on stderr: ${run.stderr}`);
      assert.match(run.stderr, /^awsctl: /);
    }
    // source <(…) (bash, zsh) and unquoted eval fail the same way.
    const unquoted = await inShell(shell, `eval $(awsctl env --profile typo) && echo RAN; echo "status=$?"`);
    assert.match(unquoted.stdout, /^status=1$/m);
  });

  test(`${shell}: switching profiles switches the region; --unset leaves a region the user set`, async () => {
    const run = await inShell(
      shell,
      [
        'eval "$(awsctl env --profile dev)"',
        'echo "1 $AWS_REGION $AWS_DEFAULT_REGION $AWS_ACCESS_KEY_ID $AWS_ACCOUNT_ID"',
        'eval "$(awsctl env --profile eu)"',
        'echo "2 $AWS_REGION $AWS_DEFAULT_REGION $AWS_ACCESS_KEY_ID ${AWS_ACCOUNT_ID-unset}"',
        // A profile without a region: the region eu's eval set is not kept.
        'eval "$(awsctl env --profile noregion)"',
        'echo "3 ${AWS_REGION-unset} ${AWS_DEFAULT_REGION-unset}"',
        'eval "$(awsctl env --profile dev)"',
        'eval "$(awsctl env --unset)"',
        'echo "4 ${AWS_REGION-unset} ${AWS_ACCESS_KEY_ID-unset} ${AWSCTL_EXPORTED-unset}"',
        // The user's own region outranks profiles (as in the AWS CLI) and survives --unset.
        'export AWS_REGION=ap-south-1',
        'eval "$(awsctl env --profile eu)"',
        'eval "$(awsctl env --unset)"',
        'echo "5 ${AWS_REGION-unset} ${AWS_DEFAULT_REGION-unset}"',
      ].join('\n'),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [
      '1 us-east-1 us-east-1 AKIADEV0000000000001 111111111111',
      '2 eu-west-1 eu-west-1 AKIAEU00000000000002 unset',
      '3 unset unset',
      '4 unset unset unset',
      '5 ap-south-1 unset',
    ]);
  });

  test(`${shell}: after an eval, a profile chosen by AWS_PROFILE gets its own keys and region; none chosen keeps the shell's`, async () => {
    const run = await inShell(shell, ['eval "$(awsctl env --profile dev)"', 'AWS_PROFILE=eu awsctl env --format json', 'awsctl env --format json'].join('\n'));
    assert.equal(run.code, 0, run.stderr);
    const [chosen, shellOwn] = run.stdout
      .split(/(?<=\n})\n/)
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Record<string, string>);
    assert.equal(chosen!.AWS_ACCESS_KEY_ID, 'AKIAEU00000000000002');
    assert.equal(chosen!.AWS_REGION, 'eu-west-1');
    assert.equal(shellOwn!.AWS_ACCESS_KEY_ID, 'AKIADEV0000000000001');
    assert.equal(shellOwn!.AWS_REGION, 'us-east-1');
  });
}

test('fish: the default format is fish when fish runs awsctl, and a failed env fails `| source`', {
  skip: fish ? false : 'fish is not installed',
}, async () => {
  const run = await inShell(
    'fish',
    [
      'awsctl env --profile dev | source',
      'echo "1 $AWS_REGION $AWS_ACCESS_KEY_ID"',
      'awsctl env --unset | source',
      'echo "2 $AWS_REGION."',
      'awsctl env --profile typo | source; and echo RAN',
      'echo "3 $status"',
    ].join('; '),
  );
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /^awsctl: profile typo/);
  assert.deepEqual(run.stdout.trim().split('\n'), ['1 us-east-1 AKIADEV0000000000001', '2 .', '3 1']);
});

test('the default format follows the parent shell, then $SHELL, then sh', async () => {
  const fromBash = await inShell('bash', 'awsctl env --profile dev; true', { SHELL: '/usr/bin/fish' });
  assert.match(fromBash.stdout, /^export AWS_ACCESS_KEY_ID='AKIADEV0000000000001';$/m, 'bash runs it: sh format, whatever $SHELL says');
  if (fish) {
    const fromFish = await inShell('fish', 'awsctl env --profile dev');
    assert.match(fromFish.stdout, /^set -gx AWS_ACCESS_KEY_ID 'AKIADEV0000000000001';$/m);
  }
  // Started by something that is not a shell (node, through the shim that execs awsctl): $SHELL decides.
  const home = tempHome({ '.aws/config': CONFIG });
  const vars = cleanEnv(home, { SHELL: '/usr/bin/fish' });
  vars.PATH = `${shim}:${vars.PATH}`;
  const viaNode = await runProcess(
    [process.execPath, '-e', `require('child_process').execFileSync(${JSON.stringify(`${shim}/awsctl`)}, ['env', '--profile', 'dev'], { stdio: 'inherit' })`],
    { env: vars, cwd: home },
  );
  assert.match(viaNode.stdout, /^set -gx AWS_ACCESS_KEY_ID /m, 'parent is not a shell: $SHELL (fish) decides');
});

test('PowerShell format: a failed env prints one terminating statement (checked as text: no pwsh here)', async () => {
  const run = await inShell('bash', 'awsctl env --format powershell --profile typo');
  assert.equal(run.stdout, "throw 'awsctl failed; see the error above'\n");
  const json = await inShell('bash', 'awsctl env --format json --profile typo');
  assert.equal(json.stdout, '', 'json is parsed, not evaluated: empty output already fails');
});

test('exec and assume -- cmd: no identity variable of another session reaches the child (botocore judges)', async (t) => {
  const python = ['python3', '/usr/bin/python3'].find((candidate) => {
    const probe = spawnSyncQuiet(candidate, ['-c', 'import botocore']);
    return probe === 0;
  });
  if (!python) return t.skip('no python3 with botocore');
  const aws = await startFakeAws();
  aws.sts.addKey('AKIADEV0000000000001', 'dev-secret', 'arn:aws:iam::111111111111:user/dev');
  try {
    const stale = {
      AWS_ENDPOINT_URL_STS: aws.sts.url,
      AWS_SECURITY_TOKEN: 'token-of-another-session',
      AWS_ACCOUNT_ID: '999999999999',
      AWS_ROLE_ARN: 'arn:aws:iam::999999999999:role/Other',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/x',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'x',
      AWS_CREDENTIAL_FILE: '/nonexistent',
      AWS_PROFILE: 'eu',
    };
    const read = `${python} -c 'import botocore.session as s, os; c = s.Session().get_credentials(); f = c.get_frozen_credentials(); print(f.access_key, f.token, getattr(c, "account_id", "n/a"), sorted(k for k in os.environ if k in ${JSON.stringify(Object.keys(stale).filter((k) => k !== 'AWS_ENDPOINT_URL_STS' && k !== 'AWS_ACCOUNT_ID'))}))'`;
    const exec = await inShell('bash', `awsctl exec --profile dev -- ${read}`, stale);
    assert.equal(exec.code, 0, exec.stderr);
    assert.equal(exec.stderr, '');
    // Long-term keys: no token at all (botocore would have sent AWS_SECURITY_TOKEN's).
    // AWS_ACCOUNT_ID is the new identity's (botocore 1.29 has no account_id: n/a).
    assert.match(exec.stdout, /^AKIADEV0000000000001 None (111111111111|n\/a) \[\]$/m);
    const assumed = await inShell('bash', `awsctl assume --profile dev arn:aws:iam::222222222222:role/Target -- ${read}`, stale);
    assert.equal(assumed.code, 0, assumed.stderr);
    const [key, token, account, leftover] = assumed.stdout.trim().split(' ');
    assert.match(key!, /^ASIA/);
    assert.notEqual(token, 'token-of-another-session');
    assert.notEqual(token, 'None');
    assert.match(account!, /^(222222222222|n\/a)$/);
    assert.equal(leftover, '[]');
  } finally {
    await aws.close();
  }
});

function spawnSyncQuiet(command: string, args: string[]): number | null {
  return spawnSync(command, args, { stdio: 'ignore' }).status;
}
