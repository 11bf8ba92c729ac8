// Loads completions/awsctl.bash into a real bash, sets COMP_WORDS/COMP_CWORD as readline
// would, calls _awsctl and reads COMPREPLY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempHome } from '../helpers/cli.ts';
import { NO_BUNDLE, awsctlShimDir, bundleBuilt, completionFile, runShell } from './shells.ts';
import { skipWithoutTool, which } from '../helpers/tools.ts';

const bash = which('bash');
const skip = skipWithoutTool('bash');

/** Completes the last word of `words` and returns the candidates, sorted. */
function complete(words: string[], home = tempHome(), path?: string): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ');
  const script = `source '${completionFile('awsctl.bash')}'
COMP_WORDS=(${quoted}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_awsctl
printf '%s\\0' "\${COMPREPLY[@]}"`;
  const run = runShell([bash!, '--norc', '--noprofile', '-c', script], home, path);
  assert.equal(run.code, 0, run.stderr);
  // One NUL after each COMPREPLY element: an element holding several words (newline-joined)
  // would show up whole, as readline would put it on the command line.
  return run.stdout.split('\0').filter(Boolean).sort();
}

test('bash completes subcommands', { skip }, () => {
  assert.deepEqual(complete(['awsctl', 'sso', '']), ['accounts', 'login', 'logout', 'populate']);
  assert.deepEqual(complete(['awsctl', 'con']), ['configure', 'console']);
  assert.deepEqual(complete(['awsctl', 'conf']), ['configure']);
  assert.deepEqual(complete(['awsctl', '--region', 'eu-west-1', 'configure', 'list-']), ['list-profiles']);
});

test('bash completes options of the command being typed, globals included', { skip }, () => {
  assert.deepEqual(complete(['awsctl', 'sso', 'login', '--u']), ['--use-device-code']);
  const envOptions = complete(['awsctl', 'env', '--']);
  for (const option of ['--format', '--unset', '--profile', '--no-input', '--help']) assert.ok(envOptions.includes(option), option);
  assert.ok(!envOptions.includes('--json'), 'env has no --json');
});

test('bash completes option choices, also after --opt=', { skip }, () => {
  assert.deepEqual(complete(['awsctl', 'env', '--format', 'p']), ['powershell']);
  assert.deepEqual(complete(['awsctl', 'env', '--format', '=', 'do']), ['dotenv']);
  assert.deepEqual(complete(['awsctl', 'completion', '']), ['bash', 'fish', 'powershell', 'zsh']);
});

test('bash completes a command name after --', { skip }, () => {
  assert.ok(complete(['awsctl', 'exec', '--', 'bas']).includes('bash'));
});

test('bash completes profile names from the config files of HOME', { skip: skip || (bundleBuilt() ? false : NO_BUNDLE) }, () => {
  const home = tempHome({
    '.aws/config': '[default]\nregion = eu-west-1\n[profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n',
    '.aws/credentials': '[dev-keys]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n',
  });
  const shim = awsctlShimDir();
  assert.deepEqual(complete(['awsctl', 'env', '--profile', 'dev'], home, shim), ['dev-admin', 'dev-keys']);
  assert.deepEqual(complete(['awsctl', 'assume', 'de'], home, shim), ['default', 'dev-admin', 'dev-keys']);
});
