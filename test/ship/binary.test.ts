// The single binary (npm run package → build/awsctl) runs on its own: copied out of the
// repository, with an empty PATH and no Node installed next to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir, tempHome } from '../helpers/cli.ts';

const binary = join(repoRoot, 'build', 'awsctl');

test('build/awsctl runs from a folder outside the repository', {
  skip: existsSync(binary) ? false : 'build/awsctl is missing: run `npm run package` first',
}, () => {
  const copy = join(tempDir('awsctl-bin-'), 'awsctl');
  copyFileSync(binary, copy);
  const env = { PATH: '/nonexistent', HOME: tempHome() };
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
  assert.equal(execFileSync(copy, ['--version'], { encoding: 'utf8', env, cwd: env.HOME }).trim(), version);
  const script = execFileSync(copy, ['completion', 'bash'], { encoding: 'utf8', env, cwd: env.HOME });
  assert.equal(script, readFileSync(join(repoRoot, 'completions', 'awsctl.bash'), 'utf8'));
});

test('the binary takes its embedded fast-path code cache: a cached answer trains and writes nothing', {
  skip: existsSync(binary) ? false : 'build/awsctl is missing: run `npm run package` first',
}, () => {
  const home = tempHome({ '.aws/credentials': '[default]\naws_access_key_id = AKIABINARYCACHE00001\naws_secret_access_key = binary-secret\n' });
  chmodSync(join(home, '.aws', 'credentials'), 0o600);
  const out = execFileSync(binary, ['process'], { encoding: 'utf8', env: { PATH: '/nonexistent', HOME: home }, cwd: home });
  assert.equal(JSON.parse(out).AccessKeyId, 'AKIABINARYCACHE00001');
  // A refused cache would have made this run save one it trained under ~/.cache/awsctl.
  assert.equal(existsSync(join(home, '.cache')), false);
});
