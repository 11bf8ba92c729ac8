// The whole command-line surface, as ../shared/design/cli.md defines it. This file only
// declares commands, options and help; each action loads its command module on demand, so
// `--help`, completion generation and the man page read these definitions without loading
// any command's dependencies.
import { Command, Option } from 'commander';
import { addGlobalOptions, ALL_GLOBALS, type GlobalOptionName } from './global-options.ts';
import { action } from './action.ts';
import { examples } from '../docgen/help-text.ts';
import { ENV_FORMATS } from '../output/env-formats.ts';

declare const AWSCTL_VERSION: string;

function formatOption(): Option {
  // No default here: env.ts picks the format of the shell running awsctl, and whether --format
  // was given at all decides between export lines and a summary on a terminal.
  return new Option('--format <format>', 'output format (default: that of the shell running awsctl, else sh)').choices(ENV_FORMATS);
}

function tokenCodeOption(): Option {
  return new Option('--token-code <code>', 'MFA code for role hops with mfa_serial (otherwise asked on the terminal)');
}

function longTermKeysOption(): Option {
  return new Option('--long-term-keys', 'for a profile with stored keys (awsctl keys), hand out the long-term keys instead of a sts:GetSessionToken session');
}

function storeOption(description: string): Option {
  return new Option('--store <store>', description).choices(['keyring', 'file']);
}

/** A command; its --help shows only the global options in `shown` (all are accepted). */
function sub(parent: Command, name: string, description: string, shown: readonly GlobalOptionName[] = ALL_GLOBALS): Command {
  const command = parent.command(name).description(description);
  addGlobalOptions(command, shown);
  return command;
}

// Which global options mean something, by kind of command.
const FILES_ONLY: readonly GlobalOptionName[] = ['profile'];
const SIGN_IN: readonly GlobalOptionName[] = ['profile', 'input', 'debug'];

export function buildProgram(): Command {
  const program = new Command('awsctl')
    .description('Credentials and profiles for AWS: resolve, assume, sign in, and edit ~/.aws safely.')
    .version(typeof AWSCTL_VERSION === 'string' ? AWSCTL_VERSION : '0.0.0-dev', '-V, --version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .showHelpAfterError(false);
  addGlobalOptions(program);

  sub(program, 'env', "print shell lines that export the profile's credentials")
    .addOption(formatOption())
    .option('--unset', 'print the lines that clear the variables instead')
    .addOption(tokenCodeOption())
    .addOption(longTermKeysOption())
    .addHelpText('after', examples('env'))
    .action(action('env'));

  sub(program, 'process', 'print credential_process JSON for the profile')
    .addOption(tokenCodeOption())
    .addOption(longTermKeysOption())
    .addHelpText('after', examples('process'))
    .action(action('process'));

  sub(program, 'whoami', 'show the identity behind the resolved credentials (sts:GetCallerIdentity)')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('whoami'))
    .addOption(tokenCodeOption())
    .action(action('whoami'));

  sub(program, 'exec', "run a command with the profile's credentials in its environment")
    .argument('<command...>', 'the command and its arguments (put -- before them)')
    .addOption(tokenCodeOption())
    .option('--server', 'serve the credentials to the command from 127.0.0.1, refreshed in the background (container credentials endpoint)')
    .option('--imds', 'with --server: serve them as an instance metadata service (IMDSv2) instead')
    .option('--token-file', 'with --server: give the authorization token in a 0600 file that is rotated while the command runs')
    .passThroughOptions()
    .addHelpText('after', examples('exec'))
    .action(action('exec'));

  sub(program, 'serve', "serve the profile's credentials on 127.0.0.1 until interrupted, refreshed in the background; prints the variables to set")
    .option('--port <port>', 'port to listen on (default: a random free port)')
    .option('--bind <address>', 'address to listen on (default 127.0.0.1; anything but loopback only when named here)')
    .option('--imds', 'also answer as an instance metadata service (IMDSv2) and print its variables')
    .option('--token-file', 'give the authorization token in a 0600 file that is rotated while serving')
    .addOption(formatOption())
    .addOption(tokenCodeOption())
    .addHelpText('after', examples('serve'))
    .action(action('serve'));

  sub(program, 'assume', 'assume one or more roles in turn, each with the credentials of the one before')
    .argument('<role...>', 'profile with role_arn, role ARN, or bare role name; then optionally -- cmd args')
    .option('--mfa-serial <arn>', 'MFA device for hops that do not name one')
    .option('--token-code <code>', 'MFA code (otherwise asked on the terminal)')
    .option('--duration <seconds>', 'session duration per hop (chained hops are capped at 3600)')
    .option('--session-name <name>', 'role session name')
    .option('--external-id <id>', 'external id for hops that do not name one')
    .addOption(formatOption())
    .passThroughOptions()
    .addHelpText('after', examples('assume'))
    .action(action('assume'));

  sub(program, 'explain', 'print the plan that resolving the profile would follow, without calling the network')
    .argument('[roles...]', 'also the chain `awsctl assume <role>…` would take from there')
    .option('--json', 'print JSON')
    .addHelpText('after', examples('explain'))
    .action(action('explain'));

  sub(program, 'profiles', 'list the profiles of both files with their kind, region and dependencies', ['color'])
    .option('--json', 'print JSON')
    .addHelpText('after', examples('profiles'))
    .action(action('profiles'));

  sub(program, 'console', 'open the AWS console as the profile (federation sign-in, or the IAM Identity Center shortcut)')
    .option('--service <name>', "open this service's console page (s3, ec2, iam, lambda, …)")
    .option('--destination <url>', 'open this console URL (it must be an AWS console address)')
    .option('--print', 'write the URL to standard output instead of opening a browser')
    .option('--duration <seconds>', 'console session length: 900-43200 for a role assumed with long-term keys, 900-129600 for IAM user keys')
    .option('--federate', "for an IAM Identity Center profile, sign in through federation instead of the access portal's shortcut")
    .option('--policy <json>', 'IAM user keys: the session policy (default: allow what the user may do)')
    .option('--policy-arn <arn>', 'IAM user keys: a managed session policy (repeatable)', (arn: string, arns: string[]) => [...arns, arn], [] as string[])
    .option('--logout-first', 'sign out of the console first (for browsers not in multi-session mode)')
    .addOption(tokenCodeOption())
    .addHelpText('after', examples('console'))
    .action(action('console'));

  const loginOptions = (command: Command) =>
    command
      .option('--sso-session <name>', "the [sso-session] to sign in to (default: the profile's)")
      .option('--no-browser', 'do not open a browser; print the URL and code (uses the device code flow)')
      .option('--use-device-code', 'use the device authorization flow instead of PKCE');
  loginOptions(
    sub(program, 'login', 'sign in the way the profile is configured: IAM Identity Center for SSO profiles, else console credentials (`aws login`)', SIGN_IN),
  )
    .option('--remote', 'console sign-in on another device: print the URL and ask for the code the browser shows (automatic over SSH)')
    .addHelpText('after', examples('login'))
    .action(action('login'));

  sub(program, 'logout', "forget console sign-in sessions (`aws login`): the profile's, or --all")
    .option('--all', 'remove every cached login session')
    .addHelpText('after', examples('logout'))
    .action(action('logout'));

  const sso = program.command('sso').description('IAM Identity Center: sign in, sign out, list accounts, generate profiles');
  loginOptions(sub(sso, 'login', 'sign in to IAM Identity Center', SIGN_IN))
    .addHelpText('after', examples('sso-login'))
    .action(action('sso-login'));
  sub(sso, 'logout', "sign out: call the portal's Logout and remove cached tokens and role credentials", ['debug'])
    .option('--sso-session <name>', 'only this session (default: every cached session)')
    .action(action('sso-logout'));
  sub(sso, 'accounts', 'list every account and role the signed-in token can reach', SIGN_IN)
    .option('--sso-session <name>', 'the [sso-session] to use')
    .option('--json', 'print JSON')
    .action(action('sso-accounts'));
  sub(sso, 'populate', 'write one profile per account and role into the config file', SIGN_IN)
    .option('--sso-session <name>', 'the [sso-session] to use')
    .option('--prefix <prefix>', 'prefix for generated profile names', '')
    .option('--dry-run', 'print the diff instead of writing')
    .option('--prune', 'remove generated profiles whose account or role is gone')
    .addHelpText('after', examples('populate'))
    .action(action('sso-populate'));

  const configure = program
    .command('configure')
    .description(
      'read and edit ~/.aws/config and ~/.aws/credentials without losing a byte; alone, ask for keys, region and output on the terminal (as `aws configure`)',
    );
  addGlobalOptions(configure, ['profile', 'input']);
  // Words that are no subcommand reach the wizard, which refuses them with a suggestion.
  configure.allowExcessArguments(true).action(action('configure-wizard'));
  loginOptions(
    sub(configure, 'sso', 'set up IAM Identity Center on the terminal: session, sign-in, then pick an account and role for a new profile', ['input', 'debug']),
  ).action(action('configure-sso'));
  sub(configure, 'get', 'print a setting of the profile', FILES_ONLY).argument('<key>').action(action('configure-get'));
  sub(
    configure,
    'set',
    'set a setting (secrets go to the credentials file; a secret without a value is asked for, hidden, or read from standard input, to keep it out of shell history)',
    ['profile', 'input'],
  )
    .argument('<key>')
    .argument('[value]')
    .addHelpText('after', examples('configure-set'))
    .action(action('configure-set'));
  sub(configure, 'unset', 'remove a setting', FILES_ONLY).argument('<key>').action(action('configure-unset'));
  sub(configure, 'list', 'show each setting with where it came from (secrets masked)', ['profile', 'region'])
    .option('--json', 'print JSON')
    .action(action('configure-list'));
  sub(configure, 'list-profiles', 'print every profile name, one per line', []).action(action('configure-list-profiles'));
  sub(configure, 'import', 'import access keys from the IAM console CSV', FILES_ONLY)
    .requiredOption('--csv <file>', 'the CSV file')
    .action(action('configure-import'));
  sub(configure, 'rename', 'rename a profile in both files and in every source_profile that names it', ['input'])
    .argument('<old>')
    .argument('<new>')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(action('configure-rename'));
  sub(configure, 'remove', 'remove a profile from both files', ['input'])
    .argument('<profile>')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--force', 'remove even when other profiles depend on it')
    .action(action('configure-remove'));

  const keys = program.command('keys').description('long-term access keys in the OS keyring or an encrypted file instead of ~/.aws/credentials');
  sub(keys, 'add', 'store new keys for --profile (asked on the terminal, hidden, or two lines on standard input) and wire the profile to them')
    .addOption(storeOption('where to keep them (default: AWSCTL_KEY_STORE, else keyring)'))
    .addHelpText('after', examples('keys-add'))
    .action(action('keys-add'));
  sub(keys, 'import', 'move the plaintext keys of --profile out of the profile files into the store')
    .addOption(storeOption('where to keep them (default: AWSCTL_KEY_STORE, else keyring)'))
    .addHelpText('after', examples('keys-import'))
    .action(action('keys-import'));
  sub(keys, 'list', 'list stored keys: profile, store, key id (by its ends), age; never a secret')
    .addOption(storeOption('only this store'))
    .option('--json', 'print JSON')
    .action(action('keys-list'));
  sub(keys, 'remove', 'delete the stored keys of --profile and unwire the profile')
    .addOption(storeOption('the store to delete from (default: the one the profile names)'))
    .option('-y, --yes', 'do not ask for confirmation')
    .action(action('keys-remove'));
  sub(
    keys,
    'rotate',
    'replace the stored keys of --profile with a new access key (iam:CreateAccessKey, wait until it works, store it, iam:DeleteAccessKey the old one)',
  )
    .addHelpText('after', examples('keys-rotate'))
    .action(action('keys-rotate'));
  sub(keys, 'export', 'print the stored long-term keys of --profile (only with --show-secret)')
    .addOption(new Option('--format <format>', 'output format').choices(ENV_FORMATS).default('sh'))
    .option('--show-secret', 'required: confirms that the long-term secret may be printed on stdout')
    .action(action('keys-export'));

  const cache = program.command('cache').description("awsctl's cached credentials");
  sub(cache, 'clear', 'remove cached role credentials (all, or those of --profile)', FILES_ONLY).action(action('cache-clear'));

  sub(program, 'completion', 'print a shell completion script', []).argument('<shell>', 'bash, zsh, fish or powershell').action(action('completion'));

  return program;
}
