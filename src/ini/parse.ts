// parseIni: text → lossless IniDocument; serializeIni: the exact inverse. Parsing never
// throws: lines the SDKs would reject become `invalid` lines with a reason, so a broken file
// can still be shown, round-tripped and reported with its line number. One pass, linear time.
import { commentStart, isBlank, isSpaceOrTabCode, isWhitespaceCode, parseSectionKey, splitProperty } from './syntax.ts';
import type { IniDocument, IniLine, IniSyntaxError, LineEnding, SyntaxErrorCode } from './types.ts';

const BOM = '\uFEFF';

interface RawLine {
  text: string;
  eol: LineEnding;
}

/** Splits on LF; a CR directly before the LF belongs to the ending, any other CR is content. */
export function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    if (lf < 0) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = lf > start && text.charCodeAt(lf - 1) === 13;
    lines.push({ text: text.slice(start, crlf ? lf - 1 : lf), eol: crlf ? '\r\n' : '\n' });
    start = lf + 1;
  }
  return lines;
}

/** What the line before decides about the next indented line. */
interface ParseState {
  inSection: boolean;
  /** The key of the property an indented line would extend, if any. */
  propertyKey: string | undefined;
  /** That property's value was empty (`s3 =`), so indented lines are sub-properties. */
  propertyBlock: boolean;
}

export function parseIni(text: string): IniDocument {
  const bom = text.startsWith(BOM);
  const state: ParseState = { inSection: false, propertyKey: undefined, propertyBlock: false };
  const lines: IniLine[] = [];
  const errors: IniSyntaxError[] = [];
  // One pass over the text, classifying each line as it is cut out (no intermediate arrays:
  // a 100k-profile file is 600k lines and allocation dominates).
  let start = bom ? 1 : 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    const stop = lf < 0 ? text.length : lf;
    const crlf = lf > start && text.charCodeAt(lf - 1) === 13;
    const eol: LineEnding = lf < 0 ? '' : crlf ? '\r\n' : '\n';
    const line = classifyLine(text.slice(start, crlf ? lf - 1 : stop), eol, lines.length + 1, state);
    lines.push(line);
    if (line.kind === 'invalid') errors.push({ line: line.line, code: line.code, message: line.reason });
    start = stop + 1;
  }
  return { bom, lines, errors };
}

export function serializeIni(doc: IniDocument): string {
  let out = doc.bom ? BOM : '';
  for (const line of doc.lines) out += line.text + line.eol;
  return out;
}

function classifyLine(text: string, eol: LineEnding, line: number, state: ParseState): IniLine {
  // Test the length before reading a character: charCodeAt past the end deoptimizes the
  // compiled function (NaN is out of bounds), and a config has a blank line every few lines.
  if (text.length === 0) return { kind: 'blank', text, eol, line };
  const first = text.charCodeAt(0);
  if ((isWhitespaceCode(first) || first === 0xfeff) && isBlank(text)) return { kind: 'blank', text, eol, line };
  if (first === 35 || first === 59) return { kind: 'comment', text, eol, line }; // # ;
  if (first === 91) return classifyHeader(text, eol, line, state); // [
  if (first === 32 || first === 9) return classifyIndented(text, eol, line, state);
  return classifyProperty(text, eol, line, state);
}

function invalid(text: string, eol: LineEnding, line: number, code: SyntaxErrorCode, reason: string): IniLine {
  return { kind: 'invalid', text, eol, line, code, reason };
}

function classifyHeader(text: string, eol: LineEnding, line: number, state: ParseState): IniLine {
  state.inSection = true;
  state.propertyKey = undefined;
  // stripComment(text, false) by index, so only the header itself becomes a new string.
  // Headers may carry a comment right after `]` (`[profile a]# x`), and `#`/`;` anywhere
  // starts it, as in every SDK.
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  const comment = commentStart(text, false, start, end);
  if (comment >= 0) end = comment;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  if (end - start < 2 || text.charCodeAt(end - 1) !== 93) {
    return invalid(text, eol, line, 'unterminated-header', "section header has no closing ']'");
  }
  const header = text.slice(start + 1, end - 1);
  const { prefix, name } = parseSectionKey(header);
  return { kind: 'section', text, eol, line, header, prefix, name };
}

function classifyIndented(text: string, eol: LineEnding, line: number, state: ParseState): IniLine {
  if (!state.inSection) {
    return invalid(text, eol, line, 'outside-section', 'indented line appears before any [section] header');
  }
  const key = state.propertyKey;
  if (key === undefined) {
    return invalid(text, eol, line, 'orphan-continuation', 'indented line does not follow a setting, so it continues nothing');
  }
  if (!state.propertyBlock) return { kind: 'continuation', text, eol, line, value: text.trim() };
  const split = splitProperty(text);
  if (!split.ok) {
    return split.problem === 'no-name'
      ? invalid(text, eol, line, 'subproperty-without-name', `sub-setting under '${key} =' has no name before '='`)
      : invalid(text, eol, line, 'subproperty-without-equals', `indented line under '${key} =' is not a 'name = value' sub-setting`);
  }
  return { kind: 'subproperty', text, eol, line, raw: text.trim(), key: split.key, value: split.value };
}

function classifyProperty(text: string, eol: LineEnding, line: number, state: ParseState): IniLine {
  state.propertyKey = undefined;
  if (!state.inSection) {
    return invalid(text, eol, line, 'outside-section', 'setting appears before any [section] header');
  }
  const split = splitProperty(text);
  if (!split.ok) {
    return split.problem === 'no-name'
      ? invalid(text, eol, line, 'property-without-name', "setting has no name before '='")
      : invalid(text, eol, line, 'property-without-equals', "line is not a [section] header, a comment or a 'name = value' setting");
  }
  state.propertyKey = split.key;
  state.propertyBlock = split.value === '';
  return { kind: 'property', text, eol, line, key: split.key, value: split.value };
}
