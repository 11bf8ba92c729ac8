// The Windows shells' env formats. Neither shell is available to the test suite, so the rules
// here are kept small enough to check by reading against the shells' documented grammar, and
// the tests assert the exact output for the tricky values.
import type { EnvAssignments } from './env-values.ts';
import { assertEnvironmentValue, refusedValue } from './env-value-rules.ts';

/**
 * PowerShell: `$Env:K = 'v';`. Only printable ASCII is written inside the single quotes, where
 * the one special character is the quote itself, escaped by doubling (`''`). Every other code
 * unit becomes `[char]0xNNNN` joined with `+`, so:
 * - the output is pure ASCII and means the same whatever code page PowerShell decodes it with
 *   (Windows PowerShell 5.1 reads native output in the console code page, where UTF-8 bytes
 *   of e.g. U+0111 would decode to ‘ in CP1252: a quote character);
 * - the typographic quotes ‘ ’ ‚ ‛, which PowerShell also treats as single quotes, never appear;
 * - newlines never appear inside a literal, so `… | Invoke-Expression`, which runs each line
 *   on its own, cannot see half a string.
 * The expression always starts with a string literal (`''` when needed) so that `+` means
 * string concatenation, not `[char]` arithmetic.
 */
export function formatPowerShell(assignments: EnvAssignments): string {
  const lines = assignments.set.map(({ name, value }) => {
    assertEnvironmentValue('powershell', name, value);
    return `$Env:${name} = ${powerShellString(value)};`;
  });
  for (const name of assignments.unset) lines.push(`Remove-Item Env:${name} -ErrorAction SilentlyContinue;`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function powerShellString(value: string): string {
  const parts: string[] = [];
  let literal = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0x20 && unit <= 0x7e) {
      literal += unit === 0x27 ? "''" : value[i];
      continue;
    }
    if (literal !== '' || parts.length === 0) parts.push(`'${literal}'`);
    literal = '';
    // UTF-16 code units: an astral character becomes its two surrogates, which PowerShell's
    // UTF-16 strings join back into the one character.
    parts.push(`[char]0x${unit.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  if (literal !== '' || parts.length === 0) parts.push(`'${literal}'`);
  return parts.join(' + ');
}

/**
 * cmd.exe: `set "K=v"`. cmd has no escape that works everywhere a line may be run from (typed,
 * a .bat file, `for /f … do %i`): `%` expands even inside quotes, `!` expands under delayed
 * expansion (and then `^` escapes), and a `"` ends the quoted part, after which & | < > are
 * command syntax. Non-ASCII is refused too: cmd decodes output in the console code page, and in
 * double-byte code pages (932, 936, 949, 950) a UTF-8 byte can swallow the closing quote. So
 * the value must be printable ASCII without % ! ^ " & | < > (also refused inside the quotes, in
 * case a user runs a line unquoted); anything else is an error rather than unsafe output.
 * `set "K="` clears a variable.
 */
export function formatCmd(assignments: EnvAssignments): string {
  const lines = assignments.set.map(({ name, value }) => {
    assertEnvironmentValue('cmd', name, value);
    const bad = /[^\x20-\x7e]|[%!^"&|<>]/u.exec(value);
    if (bad) throw refusedValue('cmd', name, bad[0], 'cmd.exe has no safe way to quote it');
    return `set "${name}=${value}"`;
  });
  for (const name of assignments.unset) lines.push(`set "${name}="`);
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
