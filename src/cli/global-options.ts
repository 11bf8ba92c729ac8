// The options every command takes (../shared/design/cli.md, "Global options"). They are
// declared on the program and again on each command, so both `awsctl --profile x env` and
// `awsctl env --profile x` work while `exec`/`assume -- cmd` can pass later options through.
import { Option, type Command } from 'commander';

export interface GlobalOptions {
  profile?: string;
  region?: string;
  /** commander's negated flag: false when --no-input was given. */
  input: boolean;
  debug: boolean;
  /** false when --no-color was given. */
  color: boolean;
}

export type GlobalOptionName = 'profile' | 'region' | 'input' | 'debug' | 'color';

export const ALL_GLOBALS: readonly GlobalOptionName[] = ['profile', 'region', 'input', 'debug', 'color'];

/**
 * Adds the global options. Every command accepts all of them (`awsctl --debug completion bash`
 * must not become a usage error), but its --help, man page and completions show only `shown`:
 * the ones that mean something for that command.
 */
export function addGlobalOptions(command: Command, shown: readonly GlobalOptionName[] = ALL_GLOBALS): Command {
  const option = (name: GlobalOptionName, flags: string, description: string) => new Option(flags, description).hideHelp(!shown.includes(name));
  return command
    .addOption(option('profile', '--profile <name>', 'profile to use (default: $AWS_PROFILE, $AWS_DEFAULT_PROFILE, then "default")'))
    .addOption(option('region', '--region <code>', "region override (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's region)"))
    .addOption(option('input', '--no-input', 'never prompt; fail with a clear error where input is needed'))
    .addOption(option('debug', '--debug', 'trace each resolution step and HTTP call to stderr (secrets redacted)'))
    .addOption(option('color', '--no-color', 'accepted for scripts that pass it: awsctl prints no colour'));
}

/** Merges the program's and the command's global options; the command's own win. */
export function globalOptionsOf(command: Command): GlobalOptions {
  const merged = command.optsWithGlobals() as Partial<GlobalOptions>;
  return {
    profile: nonBlank(merged.profile),
    region: nonBlank(merged.region),
    // optsWithGlobals lets the program's default (true) hide a command's own --no-input /
    // --no-color, so a negated flag counts wherever on the command line it was given.
    input: !negatedAnywhere(command, 'input'),
    debug: merged.debug === true,
    color: !negatedAnywhere(command, 'color'),
  };
}

function negatedAnywhere(command: Command, key: string): boolean {
  for (let current: Command | null = command; current; current = current.parent) {
    if (current.getOptionValue(key) === false) return true;
  }
  return false;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
