// zsh: loads completions/_awsctl after a real compinit, checks it registered for awsctl, and
// drives its candidate generation (the _awsctl_offer hook every candidate goes through is
// replaced by one that prints, since compadd only works inside a completion widget).
// fish: its own `complete -C` prints the completions of a command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tempHome } from '../helpers/cli.ts';
import { NO_BUNDLE, awsctlShimDir, bundleBuilt, completionFile, runShell } from './shells.ts';
import { skipWithoutTool, which } from '../helpers/tools.ts';

const zsh = which('zsh');
const fish = which('fish');
const skipZsh = skipWithoutTool('zsh');
const skipFish = skipWithoutTool('fish');
const PROFILES_HOME = {
  '.aws/config':
    '[default]\n[profile dev-admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n[sso-session corp]\nsso_region = eu-west-1\n',
};

function zshComplete(words: string[], home = tempHome(), path?: string): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ');
  const script = `autoload -U compinit && compinit -u -d "$HOME/.zcompdump"
source '${completionFile('_awsctl')}'
[[ \${_comps[awsctl]} == _awsctl ]] || { print -u2 'not registered with compdef'; exit 3 }
_awsctl_offer() { local how=$1; shift; case $how in described) shift 2; print -rl -- \${@%%:*} ;; words) print -rl -- "$@" ;; *) print -r -- "<$how>" ;; esac }
words=(${quoted}); CURRENT=\${#words}
_awsctl`;
  const run = runShell([zsh!, '-f', '-c', script], home, path);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean).sort();
}

test('zsh completes subcommands, options and choices', { skip: skipZsh }, () => {
  assert.deepEqual(zshComplete(['awsctl', 'sso', '']), ['accounts', 'login', 'logout', 'populate']);
  assert.ok(zshComplete(['awsctl', 'configure', 'rename', '--']).includes('--yes'));
  assert.deepEqual(zshComplete(['awsctl', 'assume', 'x', '--format', '']), ['cmd', 'dotenv', 'fish', 'json', 'powershell', 'sh']);
  assert.deepEqual(zshComplete(['awsctl', 'configure', 'import', '--csv', '']), ['<files>']);
  assert.deepEqual(zshComplete(['awsctl', 'exec', '--', '']), ['<commands>']);
});

test('zsh completes sso-session names from the config file', { skip: skipZsh }, () => {
  assert.deepEqual(zshComplete(['awsctl', 'login', '--sso-session', ''], tempHome(PROFILES_HOME)), ['corp']);
});

test('zsh completes profile names from the config files of HOME', { skip: skipZsh || (bundleBuilt() ? false : NO_BUNDLE) }, () => {
  assert.deepEqual(zshComplete(['awsctl', 'whoami', '--profile', ''], tempHome(PROFILES_HOME), awsctlShimDir()), ['default', 'dev-admin']);
});

function fishComplete(line: string, home = tempHome(), path?: string): string[] {
  const script = `source '${completionFile('awsctl.fish')}'; complete -C ${JSON.stringify(line)}`;
  const run = runShell([fish!, '--no-config', '-c', script], home, path);
  assert.equal(run.code, 0, run.stderr);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]!)
    .sort();
}

test('fish completes subcommands, options and choices', { skip: skipFish }, () => {
  assert.deepEqual(fishComplete('awsctl sso '), ['accounts', 'login', 'logout', 'populate']);
  assert.deepEqual(fishComplete('awsctl env --format p'), ['powershell']);
  assert.ok(fishComplete('awsctl sso populate --').includes('--dry-run'));
});

test('fish completes profile names from the config files of HOME', { skip: skipFish || (bundleBuilt() ? false : NO_BUNDLE) }, () => {
  assert.deepEqual(fishComplete('awsctl env --profile dev', tempHome(PROFILES_HOME), awsctlShimDir()), ['dev-admin']);
});
