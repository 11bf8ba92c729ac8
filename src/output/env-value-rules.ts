// The rules every env format shares about which values it can print at all, and the error that
// refuses a value. An error names the variable and the offending character, never the value:
// the value is usually a secret.
import { AwsctlError, ExitCode } from '../errors.ts';

/**
 * Values no format prints, because no environment can hold them:
 * - NUL: environment strings are NUL-terminated (POSIX execve, Windows environment blocks), so
 *   a NUL would silently cut the value short;
 * - a lone UTF-16 surrogate: it has no UTF-8 encoding, so the bytes printed could not be the
 *   value (Node would write U+FFFD instead).
 * The JSON format refuses them too, so that every format accepts the same basic set of values.
 */
export function assertEnvironmentValue(format: string, name: string, value: string): void {
  const nul = value.indexOf('\0');
  if (nul !== -1) throw refusedValue(format, name, '\0', 'environment variables cannot hold a NUL byte', MALFORMED_HINT);
  const surrogate = /\p{Cs}/u.exec(value);
  if (surrogate) throw refusedValue(format, name, surrogate[0], 'a lone surrogate is not valid Unicode, so it has no exact byte form', MALFORMED_HINT);
}

const MALFORMED_HINT = 'the credential source returned a malformed value; check what supplied it';
const OTHER_FORMAT_HINT = 'use --format sh, fish, powershell or json, which can hold any valid value';

export function refusedValue(format: string, name: string, character: string, reason: string, hint = OTHER_FORMAT_HINT): AwsctlError {
  return new AwsctlError(`cannot print ${name} in ${format} format`, `the value contains ${describeCharacter(character)}, and ${reason}`, {
    hint,
    exitCode: ExitCode.failure,
  });
}

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  9: 'tab',
  10: 'newline',
  13: 'carriage return',
  27: 'escape',
  127: 'delete',
};

/** `a "%" character`, `a newline (U+000A)`, `U+00E9` — printable and safe for one error line. */
function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0x21 && code <= 0x7e) return `a \`${character}\` character`;
  if (code === 0x20) return 'a space';
  const name = CONTROL_NAMES[code];
  if (name !== undefined) return `a ${name} (${hex})`;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `a control character (${hex})`;
  return `the character ${hex}`;
}
