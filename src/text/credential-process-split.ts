// Splitting a `credential_process` command line into argv, with no shell, exactly as the AWS CLI
// (botocore `compat_shell_split`) does, so one config file means the same command to both:
// - on Unix, Python's `shlex.split` (POSIX mode): space, tab, CR and LF separate words; '…' is
//   literal; in "…" a backslash escapes only `"` and `\`; outside quotes a backslash escapes any
//   character; `#`, `$`, `~`, `|`, `;`, globs are ordinary characters;
// - on Windows, the C runtime's rules (which CommandLineToArgvW also follows): only space and
//   tab separate, only " quotes, and backslashes are literal except in a run that ends at a ",
//   where they pair up and an odd one out escapes the quote.
// An unterminated quote (or a trailing lone backslash on Unix) is an AwsctlError, as in botocore.
import { AwsctlError } from '../errors.ts';

type SplitRules = 'posix' | 'windows';

export function splitRulesFor(platform: NodeJS.Platform): SplitRules {
  return platform === 'win32' ? 'windows' : 'posix';
}

export function splitCommandLine(commandLine: string, rules: SplitRules): string[] {
  return rules === 'windows' ? splitWindows(commandLine) : splitPosix(commandLine);
}

const POSIX_SPACE = new Set([' ', '\t', '\r', '\n']);

export function splitPosix(commandLine: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false; // true once a word has started, even an empty quoted one ('')
  let quote: "'" | '"' | undefined;
  const chars = Array.from(commandLine);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (chars[i + 1] === '"' || chars[i + 1] === '\\')) word += chars[++i];
      else word += c;
    } else if (POSIX_SPACE.has(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === "'" || c === '"') quote = c;
      else if (c !== '\\') word += c;
      else if (i + 1 < chars.length) word += chars[++i];
      else throw splitError(commandLine, 'it ends with a lone backslash (\\)');
    }
  }
  if (quote !== undefined) throw splitError(commandLine, `a ${quote} quote is never closed`);
  if (inWord) words.push(word);
  return words;
}

export function splitWindows(commandLine: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = (): void => {
    word += '\\'.repeat(backslashes);
    backslashes = 0;
  };
  for (const c of commandLine) {
    if (c === '\\') {
      backslashes++;
      inWord = true;
    } else if (c === '"') {
      // 2n backslashes + " → n backslashes and a quote toggle; 2n+1 → n backslashes and a literal ".
      word += '\\'.repeat(backslashes >> 1);
      const escaped = backslashes % 2 === 1;
      backslashes = 0;
      inWord = true;
      if (escaped) word += '"';
      else quoted = !quoted;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      flushBackslashes();
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      flushBackslashes();
      word += c;
      inWord = true;
    }
  }
  if (quoted) throw splitError(commandLine, 'a " quote is never closed');
  flushBackslashes();
  if (inWord) words.push(word);
  return words;
}

/** The inverse of splitPosix: every word single-quoted (`'` as `'\''`). */
export function joinPosix(argv: readonly string[]): string {
  return argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
}

/** The inverse of splitWindows: every word double-quoted, backslashes doubled before a `"`. */
export function joinWindows(argv: readonly string[]): string {
  return argv.map(quoteWindowsArg).join(' ');
}

function quoteWindowsArg(arg: string): string {
  // Backslashes followed by a quote (or by the closing quote) are doubled; a quote gets one more.
  const body = arg.replace(/(\\*)"/g, (_m, slashes: string) => `${slashes}${slashes}\\"`).replace(/(\\+)$/, '$1$1');
  return `"${body}"`;
}

function splitError(commandLine: string, why: string): AwsctlError {
  // The command line is the user's own config text (no secrets), but it may be long.
  const shown = commandLine.length > 80 ? `${commandLine.slice(0, 77)}...` : commandLine;
  return new AwsctlError('cannot run credential_process', `${why} in: ${shown}`, {
    hint: 'quote paths and arguments with spaces in double quotes, as the AWS CLI documents for credential_process',
  });
}
