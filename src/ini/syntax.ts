// Character-level rules of the profile-file dialect, shared by the parser, the normalizer and
// the editors. They follow smithy-rs `env_config/parse.rs` + `normalize.rs`, which implement
// the cross-SDK parser specification (see test/conformance/suites/profile-parser-*.ts).

/** Whitespace that separates tokens on a line: the SDKs only treat space and tab as such. */
export function isSpaceOrTab(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

export function trimSpaceTab(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTab(text[start])) start++;
  while (end > start && isSpaceOrTab(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Names of profiles, sessions, services sections and properties: letters, digits, `- / . % @ _ : +`. */
const IDENTIFIER = /^[A-Za-z0-9_\-/.%@:+]+$/;

export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Unicode whitespace, with a fast path for ASCII (this runs for every character of a file). */
function isWhitespaceCode(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code >= 0x80 && /\s/u.test(String.fromCharCode(code));
}

/** True when the text is empty or only whitespace. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhitespaceCode(text.charCodeAt(i)) && text.charCodeAt(i) !== 0xfeff) return false;
  return true;
}

/**
 * Index where a comment starts, or -1. On property lines a `#`/`;` only starts a comment
 * after whitespace (`value; x` keeps `; x`); on section lines it starts one anywhere.
 */
export function commentStart(text: string, needsWhitespaceBefore: boolean): number {
  let previousWasSpace = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code === 35 || code === 59) && (previousWasSpace || !needsWhitespaceBefore)) return i;
    previousWasSpace = isWhitespaceCode(code);
  }
  return -1;
}

/** The meaningful part of a line: trimmed, trailing comment removed, trimmed again. */
export function stripComment(text: string, needsWhitespaceBefore: boolean): string {
  const trimmed = trimSpaceTab(text);
  const at = commentStart(trimmed, needsWhitespaceBefore);
  return at < 0 ? trimmed : trimSpaceTab(trimmed.slice(0, at));
}

export type PropertySplit = { ok: true; key: string; value: string } | { ok: false; problem: 'no-equals' | 'no-name' };

/** `key = value` with comment stripping and trimming, as the SDKs read property lines. Index-based: hot path. */
export function splitProperty(text: string): PropertySplit {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTab(text[start])) start++;
  const comment = commentStart(text.slice(start), true);
  if (comment >= 0) end = start + comment;
  const eq = text.indexOf('=', start);
  if (eq < 0 || eq >= end) return { ok: false, problem: 'no-equals' };
  let keyEnd = eq;
  while (keyEnd > start && isSpaceOrTab(text[keyEnd - 1])) keyEnd--;
  if (keyEnd === start) return { ok: false, problem: 'no-name' };
  let valueStart = eq + 1;
  while (valueStart < end && isSpaceOrTab(text[valueStart])) valueStart++;
  while (end > valueStart && isSpaceOrTab(text[end - 1])) end--;
  return { ok: true, key: text.slice(start, keyEnd), value: text.slice(valueStart, end) };
}

export interface SectionKey {
  /** `profile`, `sso-session`, `services`, any other word, or undefined for `[name]`. */
  prefix: string | undefined;
  name: string;
}

/**
 * Splits the text between the brackets: `[ profile  foo ]` → {prefix: 'profile', name: 'foo'};
 * `[foo]` → {prefix: undefined, name: 'foo'}. The first space or tab separates prefix and name.
 */
export function parseSectionKey(header: string): SectionKey {
  const inner = trimSpaceTab(header);
  const split = inner.search(/[ \t]/);
  if (split < 0) return { prefix: undefined, name: inner };
  return { prefix: inner.slice(0, split).trim(), name: inner.slice(split + 1).trim() };
}
