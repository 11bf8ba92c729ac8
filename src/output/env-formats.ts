// `awsctl env --format <f>`: one pure function per format turns the assignments into text that,
// when evaluated by its consumer, sets exactly those bytes and runs nothing else
// (cli.md: "any byte in a value is inert when the output is evaluated").
//
// What each format does with awkward values (the same rule for every variable):
// | format     | quoting                                   | refused                                          |
// | sh         | 'v', ' written as '\''                    | NUL, lone surrogates (no environment holds them) |
// | fish       | 'v', \ and ' backslash-escaped             | NUL, lone surrogates                             |
// | powershell | 'v' for printable ASCII, [char]0xNNNN else | NUL, lone surrogates                             |
// | cmd        | set "K=v", nothing can be escaped         | + anything but printable ASCII, and % ! ^ " & | < > |
// | dotenv     | K="v", nothing is escaped                 | + " \ $ ` and control characters (CR, LF, …)    |
// | json       | JSON string escapes                       | NUL, lone surrogates                             |
// Every line of sh, fish and powershell ends in `;`, so that an unquoted `eval $(awsctl env)`,
// which joins the lines with spaces, still runs one command per variable.
import { usageError } from '../errors.ts';
import type { EnvAssignments } from './env-values.ts';
import { assertEnvironmentValue, refusedValue } from './env-value-rules.ts';
import { formatCmd, formatPowerShell } from './env-formats-windows.ts';

export const ENV_FORMATS = ['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

export function isEnvFormat(value: string): value is EnvFormat {
  return (ENV_FORMATS as readonly string[]).includes(value);
}

const FORMATTERS: Record<EnvFormat, (assignments: EnvAssignments) => string> = {
  sh: formatSh,
  fish: formatFish,
  powershell: formatPowerShell,
  cmd: formatCmd,
  dotenv: formatDotenv,
  json: formatEnvJson,
};

/** The text for `format`; throws AwsctlError for a value that format cannot carry safely. */
export function formatEnv(format: EnvFormat, assignments: EnvAssignments): string {
  return FORMATTERS[format](assignments);
}

/** POSIX sh (also bash, zsh, dash, ksh): everything between single quotes is literal. */
export function formatSh(assignments: EnvAssignments): string {
  const lines = assignments.set.map(({ name, value }) => {
    assertEnvironmentValue('sh', name, value);
    return `export ${name}=${shSingleQuote(value)};`;
  });
  for (const name of assignments.unset) lines.push(`unset ${name};`);
  return joinLines(lines);
}

/** `it's` → `'it'\''s'`: close the quote, an escaped quote, reopen. */
function shSingleQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** fish: inside single quotes only `\\` and `\'` are escapes; every other byte is literal. */
export function formatFish(assignments: EnvAssignments): string {
  const lines = assignments.set.map(({ name, value }) => {
    assertEnvironmentValue('fish', name, value);
    return `set -gx ${name} ${fishSingleQuote(value)};`;
  });
  for (const name of assignments.unset) lines.push(`set -e ${name};`);
  return joinLines(lines);
}

function fishSingleQuote(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * dotenv: `K="v"`. The dialects (npm dotenv, Node's --env-file, python-dotenv, docker compose,
 * dotenv-expand) disagree about backslash escapes and `$` interpolation inside double quotes,
 * and none can say "unset". So a value is printed only when every dialect reads it literally,
 * and `--unset` is refused: no escaping exists that all of them would read back the same.
 */
export function formatDotenv(assignments: EnvAssignments): string {
  if (assignments.set.length === 0 && assignments.unset.length > 0) {
    throw usageError('cannot print --unset in dotenv format', 'a dotenv file can set variables but has no way to unset them', 'use another --format');
  }
  // Unsets are left out: a dotenv file only adds to the environment it is loaded into.
  const lines = assignments.set.map(({ name, value }) => {
    assertEnvironmentValue('dotenv', name, value);
    const bad = /["\\$`\x00-\x1f\x7f]/.exec(value);
    if (bad) throw refusedValue('dotenv', name, bad[0], 'dotenv readers disagree about what it means inside quotes');
    return `${name}="${value}"`;
  });
  return joinLines(lines);
}

/** An object of the variables: a string sets one, `null` clears one. */
export function formatEnvJson(assignments: EnvAssignments): string {
  const object: Record<string, string | null> = {};
  for (const { name, value } of assignments.set) {
    assertEnvironmentValue('json', name, value);
    object[name] = value;
  }
  for (const name of assignments.unset) object[name] = null;
  return `${JSON.stringify(object, null, 2)}\n`;
}

/**
 * What a failed `env`/`assume` prints instead of assignments: one statement that fails when
 * evaluated, so `eval "$(awsctl env)" && cmd` (sh, bash, zsh), `awsctl env | source; and cmd`
 * (fish) and `awsctl env | Invoke-Expression` (PowerShell: a terminating error) stop there.
 * cmd, dotenv and json are parsed, not evaluated: empty output already fails their readers.
 */
export function failingStatement(format: EnvFormat): string {
  if (format === 'sh' || format === 'fish') return 'false\n';
  if (format === 'powershell') return "throw 'awsctl failed; see the error above'\n";
  return '';
}

function joinLines(lines: string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
