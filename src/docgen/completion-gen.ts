// Shell completion scripts generated from the commander definitions in program.ts, so a new
// command or option shows up in every shell without editing four scripts by hand. This file
// turns the commander tree into plain data (CompletionSpec); completion-gen-posix.ts and
// completion-gen-other.ts render that data as bash/zsh and fish/PowerShell scripts. Profile
// and sso-session names are looked up when the user presses Tab, never baked in.
import type { Command, Option } from 'commander';
import { bashScript, zshScript } from './completion-gen-posix.ts';
import { fishScript, powershellScript } from './completion-gen-other.ts';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a value (an option's argument or a positional) completes to. */
export type ValueKind =
  | { kind: 'profile' }
  | { kind: 'sso-session' }
  | { kind: 'file' }
  | { kind: 'command' }
  | { kind: 'words'; words: string[] }
  | { kind: 'none' };

interface OptionSpec {
  names: string[];
  description: string;
  /** Undefined for flags; the value's completion for options that take one. */
  value: ValueKind | undefined;
}

export interface CommandSpec {
  /** Space-separated words after `awsctl` ('' for the program itself). */
  path: string;
  description: string;
  subcommands: { name: string; description: string }[];
  options: OptionSpec[];
  /** One entry per positional argument; the last repeats when `variadic`. */
  args: ValueKind[];
  variadic: boolean;
}

export interface CompletionSpec {
  commands: CommandSpec[];
  /** Every option that takes a value, by name (a name means the same thing in every command). */
  valueOptions: Map<string, ValueKind>;
}

/** Settings offered for `configure get|set|unset <key>`; other keys can still be typed. */
const CONFIGURE_KEYS = [
  'region',
  'output',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'role_arn',
  'source_profile',
  'credential_source',
  'external_id',
  'mfa_serial',
  'role_session_name',
  'duration_seconds',
  'credential_process',
  'web_identity_token_file',
  'sso_session',
  'sso_account_id',
  'sso_role_name',
  'sso_start_url',
  'sso_region',
  'sso_registration_scopes',
  'endpoint_url',
  'ca_bundle',
  'max_attempts',
  'retry_mode',
  'sts_regional_endpoints',
];

const OPTION_VALUES: Record<string, ValueKind> = {
  '--profile': { kind: 'profile' },
  '--sso-session': { kind: 'sso-session' },
  '--csv': { kind: 'file' },
};

function argumentKind(path: string, argName: string): ValueKind {
  if (path === 'completion') return { kind: 'words', words: [...SHELLS] };
  if (path === 'exec') return { kind: 'command' };
  if (argName === 'key') return { kind: 'words', words: CONFIGURE_KEYS };
  if (['role', 'profile', 'old'].includes(argName)) return { kind: 'profile' };
  return { kind: 'none' };
}

function optionSpec(option: Option): OptionSpec {
  const names = [option.short, option.long].filter((n): n is string => typeof n === 'string');
  const takesValue = option.required || option.optional;
  let value: ValueKind | undefined;
  if (takesValue) {
    value = option.argChoices ? { kind: 'words', words: [...option.argChoices] } : (OPTION_VALUES[option.long ?? ''] ?? { kind: 'none' });
  }
  return { names, description: option.description, value };
}

const HELP_OPTION: OptionSpec = { names: ['-h', '--help'], description: 'display help for command', value: undefined };

function commandSpecs(command: Command, path: string): CommandSpec[] {
  const own: CommandSpec = {
    path,
    description: command.description(),
    subcommands: command.commands.map((c) => ({ name: c.name(), description: c.description() })),
    // Hidden options (globals that mean nothing for the command) are not offered, as in --help.
    options: [...command.options.filter((o) => !o.hidden).map(optionSpec), HELP_OPTION],
    args: command.registeredArguments.map((a) => argumentKind(path, a.name())),
    variadic: command.registeredArguments.some((a) => a.variadic),
  };
  return [own, ...command.commands.flatMap((c) => commandSpecs(c, path ? `${path} ${c.name()}` : c.name()))];
}

export function completionSpec(program: Command): CompletionSpec {
  const commands = commandSpecs(program, '');
  const valueOptions = new Map<string, ValueKind>();
  for (const option of commands.flatMap((c) => c.options)) {
    if (!option.value) continue;
    for (const name of option.names) {
      const known = valueOptions.get(name);
      // The scripts skip an option's value by name alone, so a name must mean one thing everywhere.
      if (known && JSON.stringify(known) !== JSON.stringify(option.value)) {
        throw new Error(`option ${name} takes different values in different commands`);
      }
      valueOptions.set(name, option.value);
    }
  }
  return { commands, valueOptions };
}

export function completionScript(shell: Shell, program: Command): string {
  const spec = completionSpec(program);
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
    case 'powershell':
      return powershellScript(spec);
  }
}

export function isShell(name: string): name is Shell {
  return (SHELLS as readonly string[]).includes(name);
}

/** Single-quotes a word for bash and zsh: inside '…' every byte is literal except the quote. */
export function quoteSingle(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** The flag names a command accepts, in order, for the scripts' option lists. */
export function optionNames(command: CommandSpec): string[] {
  return command.options.flatMap((o) => o.names);
}

export const GENERATED_NOTE = 'generated by `npm run gen` (scripts/gen-docs.ts) from src/cli/program.ts; do not edit';
