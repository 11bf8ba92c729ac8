// The first hour of a new user, replayed (issue 15, "Done when"): a fresh clone, the README's
// set-up commands, the four everyday uses against a fake STS in a temp HOME in a real bash (and
// fish), then Tab completion in bash, zsh and fish on a real terminal (tmux). Everything runs
// from the clone, never from this checkout's own bin/ or dist/.
// The clone gets this checkout's node_modules (linked) instead of `npm ci`: no network in tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanEnv, repoRoot, runProcess, tempDir, tempHome } from '../helpers/cli.ts';
import { startShell, type InteractiveShell } from '../helpers/tmux-shell.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { startFakeAws } from '../fake-aws/index.ts';

const BASE_KEY = { id: 'AKIAFIRSTHOUR0000001', secret: 'first-hour-secret/with+slash' };

// The profiles the README's examples name: dev, prod, base, prod-admin; OrgAccess and Admin are bare role names.
const CONFIG = `[profile base]
region = eu-west-1

[profile dev]
role_arn = arn:aws:iam::111111111111:role/Developer
source_profile = base
region = us-east-1

[profile prod]
role_arn = arn:aws:iam::222222222222:role/ReadOnly
source_profile = base
region = eu-central-1

[profile prod-admin]
role_arn = arn:aws:iam::222222222222:role/Admin
source_profile = base
`;
// `awsctl assume prod-admin` starts from the default profile: the new user's keys are both.
const CREDENTIALS = `[default]\naws_access_key_id = ${BASE_KEY.id}\naws_secret_access_key = ${BASE_KEY.secret}\n[base]\naws_access_key_id = ${BASE_KEY.id}\naws_secret_access_key = ${BASE_KEY.secret}\n`;

/** A fresh clone: the repository's files (tracked, and new ones not ignored), nothing built. */
function freshClone(): string {
  const clone = join(tempDir('awsctl-first-hour-'), 'awsctl');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const path of files) {
    if (!existsSync(join(repoRoot, path))) continue;
    mkdirSync(dirname(join(clone, path)), { recursive: true });
    copyFileSync(join(repoRoot, path), join(clone, path));
  }
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(clone, 'node_modules'));
  return clone;
}

function shell(program: string, script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = program === 'fish' ? ['--no-config', '-c', script] : ['-c', script];
  return runProcess([program, ...args], { env, ...(env.HOME ? { cwd: env.HOME } : {}), timeoutMs: 120_000 });
}

const skip = skipWithoutTool('tmux') || skipWithoutTool('zsh') || skipWithoutTool('fish');

test('the first hour: fresh clone → README set-up → four everyday uses → completion in bash, zsh and fish', { skip, timeout: 600_000 }, async () => {
  // 1. Fresh clone, README: `npm ci && npm run build && ./bin/awsctl --help`.
  const clone = freshClone();
  assert.equal(existsSync(join(clone, 'bin', 'awsctl')), false, 'nothing is built in a fresh clone');
  const npmEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, npm_config_update_notifier: 'false' };
  execFileSync('npm', ['run', 'build'], { cwd: clone, env: npmEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  const help = execFileSync(join(clone, 'bin', 'awsctl'), ['--help'], { cwd: clone, encoding: 'utf8', env: npmEnv });
  assert.match(help, /Usage: awsctl/);

  // The built command on PATH, as `npm install -g` would put it.
  const binDir = tempDir('awsctl-first-hour-bin-');
  writeFileSync(join(binDir, 'awsctl'), `#!/bin/sh\nexec '${process.execPath}' '${join(clone, 'bin', 'awsctl')}' "$@"\n`);
  chmodSync(join(binDir, 'awsctl'), 0o755);

  const aws = await startFakeAws();
  aws.sts.addKey(BASE_KEY.id, BASE_KEY.secret, 'arn:aws:iam::999999999999:user/new-user');
  const home = tempHome({ '.aws/config': CONFIG, '.aws/credentials': CREDENTIALS });
  chmodSync(join(home, '.aws', 'credentials'), 0o600); // as `awsctl configure` writes it
  const env = cleanEnv(home, { AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' });
  env.PATH = `${binDir}:${env.PATH}`;
  try {
    // 2. The four everyday uses, as the README writes them, in bash.
    const uses = await shell(
      'bash',
      [
        'set -e',
        // 1. credentials into this shell, and out again
        'eval "$(awsctl env --profile dev)"',
        'echo "use1 $AWS_REGION ${AWS_ACCESS_KEY_ID:0:4} ${AWS_SESSION_TOKEN:+token} ${AWS_PROFILE-noprofile}"',
        'eval "$(awsctl env --unset)"',
        'echo "use1-unset ${AWS_ACCESS_KEY_ID-gone} ${AWS_REGION-gone}"',
        // 2. who am I
        'awsctl whoami --profile prod | sed -n "s/^Account *//p" | sed "s/^/use2 /"',
        // 3. role chains; a command with the result; eval of assume
        'awsctl assume --profile base OrgAccess Admin -- bash -c \'echo "use3 ${AWS_ACCESS_KEY_ID:0:4} $AWS_ACCOUNT_ID"\'',
        'eval "$(awsctl assume prod-admin)"',
        'echo "use3-eval ${AWS_ACCESS_KEY_ID:0:4} ${AWS_ACCOUNT_ID}"',
        'eval "$(awsctl env --unset)"',
        // 4. a command with a profile's credentials
        'awsctl exec --profile prod -- bash -c \'echo "use4 $AWS_REGION ${AWS_ACCESS_KEY_ID:0:4}"\'',
        // and a mistake: a failed eval stops the && chain
        'eval "$(awsctl env --profile devv)" && echo "ran anyway" || echo "mistake stopped"',
      ].join('\n'),
      env,
    );
    assert.equal(uses.code, 0, uses.stderr);
    assert.deepEqual(uses.stdout.trim().split('\n'), [
      'use1 us-east-1 ASIA token noprofile',
      'use1-unset gone gone',
      'use2 222222222222',
      'use3 ASIA 999999999999',
      'use3-eval ASIA 222222222222',
      'use4 eu-central-1 ASIA',
      'mistake stopped',
    ]);
    assert.match(uses.stderr, /did you mean --profile dev\?/);

    // fish, following the README: `awsctl env --profile dev | source`.
    const fish = await shell(
      'fish',
      'awsctl env --profile dev | source; echo "fish $AWS_REGION"; awsctl env --unset | source; echo "fish-unset $AWS_REGION."',
      env,
    );
    assert.equal(fish.stderr, '');
    assert.deepEqual(fish.stdout.trim().split('\n'), ['fish us-east-1', 'fish-unset .']);
  } finally {
    await aws.close();
  }

  // 3. Completion on a real terminal, loaded as the README says.
  const load: Record<InteractiveShell, string> = {
    bash: 'source <(awsctl completion bash)',
    zsh: 'source <(awsctl completion zsh)',
    fish: 'awsctl completion fish | source',
  };
  for (const name of ['bash', 'zsh', 'fish'] as const) {
    const session = await startShell(name, tempHome({ '.aws/config': CONFIG }), { init: load[name], pathDir: binDir });
    try {
      for (const [typed, expected] of [
        ['awsctl wh', 'awsctl whoami '],
        ['awsctl env --profile prod-', 'awsctl env --profile prod-admin '],
      ]) {
        session.type(typed!);
        session.press('Tab');
        const wanted = `$ ${expected}`.trimEnd();
        const lastPrompt = (screen: string) =>
          screen
            .split('\n')
            .filter((l) => l.startsWith('$'))
            .at(-1)
            ?.trimEnd() ?? '';
        await session.waitForScreen({ test: (screen: string) => lastPrompt(screen) === wanted } as RegExp).catch(() => {});
        assert.equal(lastPrompt(session.screen()), wanted, `${name}: ${typed}<Tab>`);
        session.press('C-c');
      }
    } finally {
      session.close();
    }
  }
});
