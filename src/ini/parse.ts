// parseIni: text → lossless IniDocument; serializeIni: the exact inverse. Parsing never
// throws: lines the SDKs would reject become `invalid` lines with a reason, so a broken file
// can still be shown, round-tripped and reported with its line number. One pass, linear time.
import {
  commentStart,
  isSpaceOrTabCode,
  isWhitespaceCode,
  newNextChars,
  parseSectionKey,
  splitPropertyAt,
  type NextChars,
  type PropertyRanges,
} from './syntax.ts';
import type { IniDocument, IniLine, IniSyntaxError, LineEnding, SyntaxErrorCode } from './types.ts';

const BOM = '\uFEFF';

/** What the line before decides about the next indented line. */
export interface ParseState {
  inSection: boolean;
  /** An indented line would extend a property (the one at propertyKeyStart..End of the text). */
  propertyOpen: boolean;
  propertyKeyStart: number;
  propertyKeyEnd: number;
  /** That property's value was empty (`s3 =`), so indented lines are sub-properties. */
  propertyBlock: boolean;
  /** Searches carried from line to line (the lines are scanned in order). */
  next: NextChars;
}

/** `next` may be shared by every scan of one text (see NextChars), in any order. */
export function startState(inSection = false, next: NextChars = newNextChars()): ParseState {
  return { inSection, propertyOpen: false, propertyKeyStart: 0, propertyKeyEnd: 0, propertyBlock: false, next };
}

/**
 * One line as scanLines sees it: its kind and where its parts are in the text. The same object
 * is filled for every line (nothing is allocated per line unless the line is invalid).
 */
export interface LineScan extends PropertyRanges {
  kind: IniLine['kind'];
  /** The line without its ending. */
  start: number;
  end: number;
  eol: LineEnding;
  line: number;
  /** The line trimmed (continuations and sub-properties keep it whole); for a header, between the brackets. */
  innerStart: number;
  innerEnd: number;
  code: SyntaxErrorCode | undefined;
  reason: string | undefined;
}

/** A LineScan to fill (one can serve many scanLines calls in a row). */
export function newLineScan(): LineScan {
  return {
    kind: 'blank',
    start: 0,
    end: 0,
    eol: '',
    line: 0,
    innerStart: 0,
    innerEnd: 0,
    keyStart: 0,
    keyEnd: 0,
    valueStart: 0,
    valueEnd: 0,
    code: undefined,
    reason: undefined,
  };
}

/**
 * Walks the lines of text[from, to), numbering them from `firstLine`, and hands each to `visit`
 * classified: the one line reader. parseIni builds the lossless lines from it; the normalizer
 * (profile/normalize.ts) keeps only the headers, and later reads single sections again from their
 * offsets. `to` must be a line start or the end of the text.
 */
export function scanLines(
  text: string,
  from: number,
  to: number,
  firstLine: number,
  state: ParseState,
  visit: (line: LineScan) => void,
  scan: LineScan = newLineScan(),
): void {
  let start = from;
  let number = firstLine;
  while (start < to) {
    const lf = text.indexOf('\n', start);
    const stop = lf < 0 || lf >= to ? to : lf;
    const hasLf = stop === lf;
    const crlf = hasLf && lf > start && text.charCodeAt(lf - 1) === 13;
    scan.start = start;
    scan.end = crlf ? lf - 1 : stop;
    scan.eol = !hasLf ? '' : crlf ? '\r\n' : '\n';
    scan.line = number++;
    scan.code = undefined;
    scan.reason = undefined;
    scanLine(text, state, scan);
    visit(scan);
    start = stop + 1;
  }
}

/** Where the lines start: after a byte-order mark, if the text has one. */
export function firstLineOffset(text: string): number {
  return text.startsWith(BOM) ? 1 : 0;
}

export function parseIni(text: string): IniDocument {
  const lines: IniLine[] = [];
  const errors: IniSyntaxError[] = [];
  scanLines(text, firstLineOffset(text), text.length, 1, startState(), (scan) => {
    const line = lineOf(text, scan);
    lines.push(line);
    if (line.kind === 'invalid') errors.push({ line: line.line, code: line.code, message: line.reason });
  });
  return { bom: text.startsWith(BOM), lines, errors };
}

/** The lossless line object for a scanned line. */
function lineOf(source: string, scan: LineScan): IniLine {
  const text = source.slice(scan.start, scan.end);
  const { eol, line } = scan;
  switch (scan.kind) {
    case 'blank':
    case 'comment':
      return { kind: scan.kind, text, eol, line };
    case 'section': {
      const header = source.slice(scan.innerStart, scan.innerEnd);
      const { prefix, name } = parseSectionKey(header);
      return { kind: 'section', text, eol, line, header, prefix, name };
    }
    case 'property':
      return { kind: 'property', text, eol, line, key: source.slice(scan.keyStart, scan.keyEnd), value: source.slice(scan.valueStart, scan.valueEnd) };
    case 'continuation':
      return { kind: 'continuation', text, eol, line, value: source.slice(scan.innerStart, scan.innerEnd) };
    case 'subproperty':
      return {
        kind: 'subproperty',
        text,
        eol,
        line,
        raw: source.slice(scan.innerStart, scan.innerEnd),
        key: source.slice(scan.keyStart, scan.keyEnd),
        value: source.slice(scan.valueStart, scan.valueEnd),
      };
    default:
      return { kind: 'invalid', text, eol, line, code: scan.code!, reason: scan.reason! };
  }
}

export function serializeIni(doc: IniDocument): string {
  let out = doc.bom ? BOM : '';
  for (const line of doc.lines) out += line.text + line.eol;
  return out;
}

function scanLine(text: string, state: ParseState, scan: LineScan): void {
  const { start, end } = scan;
  // Test the length before reading a character: charCodeAt past the end deoptimizes the
  // compiled function (NaN is out of bounds), and a config has a blank line every few lines.
  if (start === end) return void (scan.kind = 'blank');
  const first = text.charCodeAt(start);
  if ((isWhitespaceCode(first) || first === 0xfeff) && isBlankAt(text, start, end)) return void (scan.kind = 'blank');
  if (first === 35 || first === 59) return void (scan.kind = 'comment'); // # ;
  if (first === 91) return scanHeader(text, state, scan); // [
  if (first === 32 || first === 9) return scanIndented(text, state, scan);
  return scanProperty(text, state, scan);
}

function isBlankAt(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespaceCode(text.charCodeAt(i))) return false;
  return true;
}

function invalid(scan: LineScan, code: SyntaxErrorCode, reason: string): void {
  scan.kind = 'invalid';
  scan.code = code;
  scan.reason = reason;
}

function scanHeader(text: string, state: ParseState, scan: LineScan): void {
  state.inSection = true;
  state.propertyOpen = false;
  // Headers may carry a comment right after `]` (`[profile a]# x`), and `#`/`;` anywhere
  // starts it, as in every SDK.
  let start = scan.start;
  let end = scan.end;
  while (start < end && isSpaceOrTabCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  const comment = commentStart(text, false, start, end, state.next);
  if (comment >= 0) end = comment;
  while (end > start && isSpaceOrTabCode(text.charCodeAt(end - 1))) end--;
  if (end - start < 2 || text.charCodeAt(end - 1) !== 93) return invalid(scan, 'unterminated-header', "section header has no closing ']'");
  scan.kind = 'section';
  scan.innerStart = start + 1;
  scan.innerEnd = end - 1;
}

/** The line trimmed of all whitespace, as String#trim does (the SDKs keep continuations that way). */
function trimLine(text: string, scan: LineScan): void {
  let start = scan.start;
  let end = scan.end;
  while (start < end && isWhitespaceCode(text.charCodeAt(start))) start++;
  while (end > start && isWhitespaceCode(text.charCodeAt(end - 1))) end--;
  scan.innerStart = start;
  scan.innerEnd = end;
}

function scanIndented(text: string, state: ParseState, scan: LineScan): void {
  // An indented `#` or `;` line is a comment wherever it is, as in botocore (Python's
  // configparser tests the stripped line) and the JS SDK: it neither continues a value nor
  // breaks a sub-setting block, and the value or block goes on after it.
  let first = scan.start;
  while (first < scan.end && isSpaceOrTabCode(text.charCodeAt(first))) first++;
  const code = text.charCodeAt(first);
  if (code === 35 || code === 59) return void (scan.kind = 'comment');
  if (!state.inSection) return invalid(scan, 'outside-section', 'indented line appears before any [section] header');
  if (!state.propertyOpen) return invalid(scan, 'orphan-continuation', 'indented line does not follow a setting, so it continues nothing');
  trimLine(text, scan);
  if (!state.propertyBlock) return void (scan.kind = 'continuation');
  const split = splitPropertyAt(text, scan.start, scan.end, scan, state.next);
  if (split === 'ok') return void (scan.kind = 'subproperty');
  const key = text.slice(state.propertyKeyStart, state.propertyKeyEnd);
  return split === 'no-name'
    ? invalid(scan, 'subproperty-without-name', `sub-setting under '${key} =' has no name before '='`)
    : invalid(scan, 'subproperty-without-equals', `indented line under '${key} =' is not a 'name = value' sub-setting`);
}

function scanProperty(text: string, state: ParseState, scan: LineScan): void {
  state.propertyOpen = false;
  if (!state.inSection) return invalid(scan, 'outside-section', 'setting appears before any [section] header');
  const split = splitPropertyAt(text, scan.start, scan.end, scan, state.next);
  if (split === 'no-name') return invalid(scan, 'property-without-name', "setting has no name before '='");
  if (split === 'no-equals') return invalid(scan, 'property-without-equals', "line is not a [section] header, a comment or a 'name = value' setting");
  scan.kind = 'property';
  state.propertyOpen = true;
  state.propertyKeyStart = scan.keyStart;
  state.propertyKeyEnd = scan.keyEnd;
  state.propertyBlock = scan.valueStart === scan.valueEnd;
}
