// Text awsctl did not write itself (a server's error message, a portal's account and role names,
// a device code) may carry control characters that act on the terminal: escape sequences set
// the window title or clear the screen, bidi overrides reorder what is shown. Before such text
// reaches a terminal they are made visible escapes (\x1b, \u202e); everything else, accented
// and wide characters included, is left alone.

const UNSAFE_ON_TERMINAL = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character, line separator, bidi control and lone surrogate shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_ON_TERMINAL, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Each line of `text` made safe, the line breaks kept (for multi-line messages). */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}
