// Character-level rules of the profile-file dialect, shared by the parser, the normalizer and
// the editors. They follow smithy-rs `env_config/parse.rs` + `normalize.rs`, which implement
// the cross-SDK parser specification (see test/conformance/suites/profile-parser-*.ts).
// The scanners work on index ranges of one string and use the engine's indexOf where they can:
// they run for every line of files with hundreds of thousands of lines, in a process that
// starts cold, so every intermediate string or object per line shows up in start-up time.

/** Whitespace that separates tokens on a line: the SDKs only treat space and tab as such. */
export function isSpaceOrTab(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

export function isSpaceOrTabCode(code: number): boolean {
  return code === 32 || code === 9;
}

export function trimSpaceTab(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Names of profiles, sessions, services sections and properties: letters, digits, `- / . % @ _ : +`. */
const IDENTIFIER_CHARS = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-/.%@:+') IDENTIFIER_CHARS[ch.charCodeAt(0)] = 1;

export function isValidIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 128 || IDENTIFIER_CHARS[code] === 0) return false;
  }
  return true;
}

/** Unicode whitespace, with a fast path for ASCII (this runs for every character of a file). */
export function isWhitespaceCode(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  return code >= 0x80 && /\s/u.test(String.fromCharCode(code));
}

/** True when the text is empty or only whitespace. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhitespaceCode(text.charCodeAt(i)) && text.charCodeAt(i) !== 0xfeff) return false;
  return true;
}

/**
 * Index where a comment starts in text[from, to), or -1. On property lines a `#`/`;` only
 * starts a comment after whitespace (`value; x` keeps `; x`), and never at `from` itself; on
 * section lines it starts one anywhere. Jumps between `#`/`;` with indexOf: most lines have none.
 */
export function commentStart(text: string, needsWhitespaceBefore: boolean, from = 0, to = text.length): number {
  let hash = text.indexOf('#', from);
  let semicolon = text.indexOf(';', from);
  for (;;) {
    const at = hash < 0 ? semicolon : semicolon < 0 ? hash : Math.min(hash, semicolon);
    if (at < 0 || at >= to) return -1;
    if (!needsWhitespaceBefore || (at > from && isWhitespaceCode(text.charCodeAt(at - 1)))) return at;
    if (at === hash) hash = text.indexOf('#', at + 1);
    else semicolon = text.indexOf(';', at + 1);
  }
}

/** The meaningful part of a line: trimmed, trailing comment removed, trimmed again. */
export function stripComment(text: string, needsWhitespaceBefore: boolean): string {
  const trimmed = trimSpaceTab(text);
  const at = commentStart(trimmed, needsWhitespaceBefore);
  return at < 0 ? trimmed : trimSpaceTab(trimmed.slice(0, at));
}

export type PropertySplit = { ok: true; key: string; value: string } | { ok: false; problem: 'no-equals' | 'no-name' };

const NO_EQUALS: PropertySplit = Object.freeze({ ok: false, problem: 'no-equals' });
const NO_NAME: PropertySplit = Object.freeze({ ok: false, problem: 'no-name' });

/** `key = value` with comment stripping and trimming, as the SDKs read property lines. Index-based: hot path. */
export function splitProperty(text: string): PropertySplit {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  const eq = text.indexOf('=', start);
  if (eq < 0) return NO_EQUALS;
  const comment = commentStart(text, true, start, end);
  if (comment >= 0) end = comment;
  if (eq >= end) return NO_EQUALS;
  let keyEnd = eq;
  while (keyEnd > start && isSpaceOrTabCode(text.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyEnd === start) return NO_NAME;
  let valueStart = eq + 1;
  while (valueStart < end && isSpaceOrTabCode(text.charCodeAt(valueStart))) valueStart++;
  while (end > valueStart && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
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
  let start = 0;
  let end = header.length;
  while (start < end && isSpaceOrTabCode(header.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTabCode(header.charCodeAt(end - 1))) end--;
  let split = start;
  while (split < end && !isSpaceOrTabCode(header.charCodeAt(split))) split++;
  // slice() of the whole string returns the string itself: `[default]` costs no new string.
  if (split === end) return { prefix: undefined, name: header.slice(start, end) };
  return { prefix: prefixIn(header, start, split), name: header.slice(split + 1, end).trim() };
}

/** The three prefixes nearly every header has: shared, not cut out of each header again. */
function prefixIn(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 7 && text.startsWith('profile', start)) return 'profile';
  if (length === 11 && text.startsWith('sso-session', start)) return 'sso-session';
  if (length === 8 && text.startsWith('services', start)) return 'services';
  return text.slice(start, end).trim();
}
