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

function trimSpaceTab(text: string): string {
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

/**
 * Where the next `=`, `#` and `;` are, as found by indexOf from some point (-1: none after it).
 * Scanning a file, one of these is carried from line to line (and from section to section) so
 * that the engine's indexOf searches each stretch of text once, however many lines lack the
 * character: start-up code runs cold, where a loop over every character in JavaScript costs
 * several times more, and an indexOf per line could run on to the end of the file each time.
 */
export interface NextChars {
  eq: Found;
  hash: Found;
  semi: Found;
}

/** Where an indexOf found its character (-1: nowhere) and where that search started. */
interface Found {
  at: number;
  from: number;
}

export function newNextChars(): NextChars {
  return { eq: { at: -1, from: Infinity }, hash: { at: -1, from: Infinity }, semi: { at: -1, from: Infinity } };
}

/** indexOf(ch, from), reusing the last answer when it covers `from` (searched from at or before it, found at or after it). */
function nextOf(text: string, ch: string, from: number, last: Found): number {
  if (last.from <= from && (last.at === -1 || last.at >= from)) return last.at;
  last.from = from;
  return (last.at = text.indexOf(ch, from));
}

/**
 * Index where a comment starts in text[from, to), or -1. On property lines a `#`/`;` only
 * starts a comment after whitespace (`value; x` keeps `; x`), and never at `from` itself; on
 * section lines it starts one anywhere. `next` (see NextChars) may carry the search between
 * lines of one text.
 */
export function commentStart(text: string, needsWhitespaceBefore: boolean, from = 0, to = text.length, next: NextChars = newNextChars()): number {
  let at = from;
  for (;;) {
    const hash = nextOf(text, '#', at, next.hash);
    const semi = nextOf(text, ';', at, next.semi);
    const found = hash < 0 ? semi : semi < 0 ? hash : Math.min(hash, semi);
    if (found < 0 || found >= to) return -1;
    if (!needsWhitespaceBefore || (found > from && isWhitespaceCode(text.charCodeAt(found - 1)))) return found;
    at = found + 1;
  }
}

/** The meaningful part of a line: trimmed, trailing comment removed, trimmed again. */
export function stripComment(text: string, needsWhitespaceBefore: boolean): string {
  const trimmed = trimSpaceTab(text);
  const at = commentStart(trimmed, needsWhitespaceBefore);
  return at < 0 ? trimmed : trimSpaceTab(trimmed.slice(0, at));
}

/** Where a `key = value` line's parts are (filled by splitPropertyAt; reused, so nothing is allocated). */
export interface PropertyRanges {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/**
 * `key = value` in text[start, end) with comment stripping and trimming, as the SDKs read
 * property lines: 'ok' with the ranges in `out`, or the problem. Index-based: this is the hot path.
 */
export function splitPropertyAt(
  text: string,
  start: number,
  end: number,
  out: PropertyRanges,
  next: NextChars = newNextChars(),
): 'ok' | 'no-equals' | 'no-name' {
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  const eq = nextOf(text, '=', start, next.eq);
  if (eq < 0 || eq >= end) return 'no-equals';
  const comment = commentStart(text, true, start, end, next);
  if (comment >= 0) end = comment;
  if (eq >= end) return 'no-equals';
  let keyEnd = eq;
  while (keyEnd > start && isSpaceOrTabCode(text.charCodeAt(keyEnd - 1))) keyEnd--;
  if (keyEnd === start) return 'no-name';
  let valueStart = eq + 1;
  while (valueStart < end && isSpaceOrTabCode(text.charCodeAt(valueStart))) valueStart++;
  while (end > valueStart && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  out.keyStart = start;
  out.keyEnd = keyEnd;
  out.valueStart = valueStart;
  out.valueEnd = end;
  return 'ok';
}

/** splitPropertyAt on a whole string, with the parts cut out. */

const IDENTIFIER_RUN = /[A-Za-z0-9_\-/.%@:+]*/y;

/** isValidIdentifier on text[start, end), without cutting it out (a sticky regex: native speed, cold or not). */
export function isValidIdentifierAt(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  IDENTIFIER_RUN.lastIndex = start;
  IDENTIFIER_RUN.test(text);
  return IDENTIFIER_RUN.lastIndex >= end;
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
  return sectionKeyAt(header, 0, header.length);
}

/** parseSectionKey on text[start, end) (the part between the brackets), without cutting it out first. */
export function sectionKeyAt(text: string, start: number, end: number): SectionKey {
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  let split = start;
  while (split < end && !isSpaceOrTabCode(text.charCodeAt(split))) split++;
  // slice() of the whole string returns the string itself: `[default]` costs no new string.
  if (split === end) return { prefix: undefined, name: text.slice(start, end) };
  return { prefix: prefixIn(text, start, split), name: text.slice(split + 1, end).trim() };
}

/** The three prefixes nearly every header has: shared, not cut out of each header again. */
function prefixIn(text: string, start: number, end: number): string {
  const length = end - start;
  if (length === 7 && text.startsWith('profile', start)) return 'profile';
  if (length === 11 && text.startsWith('sso-session', start)) return 'sso-session';
  if (length === 8 && text.startsWith('services', start)) return 'services';
  return text.slice(start, end).trim();
}
