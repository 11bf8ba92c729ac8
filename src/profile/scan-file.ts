// Cutting a profile file into sections on the way to profile/normalize.ts, checking every line
// (the SDKs reject a file with a bad line anywhere) and finding every warning, while keeping only
// the headers and where the lines below each one are.
//
// Two ways, one answer. The exact scan classifies every line (ini/parse.ts scanLines). The quick
// scan finds the header lines with indexOf, checks each header exactly, and lets one sticky
// regular expression vouch for a whole section when all its lines are of the plainest kinds
// (blank, comment, `name = value` with a valid name) — the engine runs it natively, while a
// per-line loop in JavaScript runs cold at start-up. A section it cannot vouch for is scanned
// exactly; a file with any error at all is scanned again, exactly, so that every error is listed.
// The regular expressions may only be stricter than the grammar, never looser:
// test/profile/scan-file.test.ts checks that the two ways agree on any text.
import { firstLineOffset, newLineScan, scanLines, startState, type LineScan, type ParseState } from '../ini/parse.ts';
import { isValidIdentifierAt, newNextChars, sectionKeyAt, type NextChars, type SectionKey } from '../ini/syntax.ts';
import type { IniSyntaxError } from '../ini/types.ts';
import type { FileKind, ProfileWarning } from './model.ts';

/** A section header: its line, its key, and where the text between the brackets is. */
export interface Header extends SectionKey {
  line: number;
  innerStart: number;
  innerEnd: number;
}

/** The header's text between the brackets, trimmed (for messages). */
export const headerText = (text: string, header: Header): string => text.slice(header.innerStart, header.innerEnd).trim();

/** One file cut into sections: the headers, and where the lines below each one are. */
export interface FileScan {
  text: string;
  kind: FileKind;
  file: string;
  errors: IniSyntaxError[];
  headers: Header[];
  /** Offsets of the lines below headers[i] in text: bodyFrom[i] up to bodyTo[i]. */
  bodyFrom: number[];
  bodyTo: number[];
  /** Warnings about lines below headers[i]; they count only if that section is not ignored. */
  lineWarnings: Map<number, ProfileWarning[]>;
  /** Searches in text, shared by every scan of it (the quick scan's sections, later reads). */
  next: NextChars;
}

export function scanFile(text: string, kind: FileKind, file: string): FileScan {
  return quickScan(text, kind, file) ?? exactScan(text, kind, file);
}

const newScan = (text: string, kind: FileKind, file: string): FileScan => ({
  text,
  kind,
  file,
  errors: [],
  headers: [],
  bodyFrom: [],
  bodyTo: [],
  lineWarnings: new Map(),
  next: newNextChars(),
});

/** Every line classified, in order. */
export function exactScan(text: string, kind: FileKind, file: string): FileScan {
  const scan = newScan(text, kind, file);
  const state = startState(false, scan.next);
  scanLines(text, firstLineOffset(text), text.length, 1, state, lineChecker(scan, state));
  if (scan.headers.length > 0) scan.bodyTo.push(text.length);
  return scan;
}

// Lines the quick scan vouches for, each up to and including its LF (or the end of the text):
// comments; blank lines of ASCII whitespace; and, below a header, `name = value` with a valid
// name (so nothing to warn about, and no `#`/`;` before the `=`), followed by the indented lines
// it takes: continuation lines after a value, `name = value` sub-settings with valid names after
// an empty value (`s3 =`). An indented line anywhere else — after a blank or comment line, after
// a value whose emptiness depends on a comment — is left to the exact scan. The pattern cannot
// fail (it may match nothing), so the engine never backtracks into earlier lines: linear time.
const NAME = '[A-Za-z0-9_\\-/.%@:+]+';
// A CR just before the LF belongs to the line ending; anywhere else (even last) it is content.
const EOL = '(?:\\r?\\n|(?![^]))';
const COMMENT = `[#;][^\\n]*${EOL}`;
const BLANK = `[\\t\\v\\f\\r ]*${EOL}`;
const VALUE_AND_CONTINUATIONS = `${NAME}[\\t ]*=[\\t ]*[^\\s#;][^\\n]*${EOL}(?:[\\t ]+\\S[^\\n]*${EOL})*`;
const BLOCK_AND_SUB_SETTINGS = `${NAME}[\\t ]*=[\\t ]*${EOL}(?:[\\t ]+${NAME}[\\t ]*=[^\\n]*${EOL})*`;
const OTHER_SETTING = `${NAME}[\\t ]*=[^\\n]*${EOL}`;
// A header of the plainest form: `[name]` or `[prefix name]`, maybe padded with spaces or tabs;
// anything else (a comment after it, other characters, no `]`) goes to the exact scan.
const PLAIN_HEADER = new RegExp(`\\[([\\t ]*(${NAME})(?:[\\t ]+(${NAME}))?[\\t ]*)\\][\\t ]*${EOL}`, 'y');
const PLAIN_PRELUDE = new RegExp(`(?:${COMMENT}|${BLANK})*`, 'y');
const PLAIN_BODY = new RegExp(`(?:${COMMENT}|${BLANK}|${VALUE_AND_CONTINUATIONS}|${BLOCK_AND_SUB_SETTINGS}|${OTHER_SETTING})*`, 'y');

/** True when `pattern` vouches for every line of text[from, to). */
function allPlain(pattern: RegExp, text: string, from: number, to: number): boolean {
  if (from >= to) return true;
  pattern.lastIndex = from;
  pattern.test(text);
  return pattern.lastIndex >= to;
}

/** The quick scan (see the top of the file), or undefined when the file has an error. */
export function quickScan(text: string, kind: FileKind, file: string): FileScan | undefined {
  const first = firstLineOffset(text);
  // Header lines (the lines that start with `[`) and their numbers, in one indexOf pass.
  const starts: number[] = [];
  const lines: number[] = [];
  let number = 1;
  if (text.charCodeAt(first) === 91) starts.push(first), lines.push(1);
  for (let lf = text.indexOf('\n', first); lf >= 0; lf = text.indexOf('\n', lf + 1)) {
    number++;
    if (lf + 1 < text.length && text.charCodeAt(lf + 1) === 91) starts.push(lf + 1), lines.push(number);
  }
  if (!allPlain(PLAIN_PRELUDE, text, first, starts[0] ?? text.length)) return undefined;
  const scan = newScan(text, kind, file);
  // One state, checker and line record for all of it: each header line resets what the lines
  // below it depend on (ini/parse.ts scanHeader), as in the exact scan.
  const state = startState(false, scan.next);
  const check = lineChecker(scan, state);
  const line = newLineScan();
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const bodyTo = starts[i + 1] ?? text.length;
    PLAIN_HEADER.lastIndex = start;
    const plain = PLAIN_HEADER.exec(text);
    let bodyFrom: number;
    if (plain) {
      bodyFrom = PLAIN_HEADER.lastIndex;
      // The same key sectionKeyAt would give for these bytes (prefix names interned as there).
      const innerEnd = start + 1 + plain[1]!.length;
      const prefix = plain[3] === undefined ? undefined : sectionKeyAt(text, start + 1, innerEnd).prefix;
      scan.headers.push({ prefix, name: plain[3] ?? plain[2]!, line: lines[i]!, innerStart: start + 1, innerEnd });
      scan.bodyFrom.push(bodyFrom);
    } else {
      const lineEnd = text.indexOf('\n', start);
      bodyFrom = lineEnd < 0 ? text.length : lineEnd + 1;
      scanLines(text, start, bodyFrom, lines[i]!, state, check, line);
      if (scan.errors.length > 0) return undefined;
    }
    if (!allPlain(PLAIN_BODY, text, bodyFrom, bodyTo)) {
      // The exact scan starts below a header: state as a header line leaves it. (The checker's
      // own memory of the last setting needs no reset: below a header, a setting line comes
      // before any indented line can count as its sub-setting.)
      state.inSection = true;
      state.propertyOpen = false;
      scanLines(text, bodyFrom, bodyTo, lines[i]! + 1, state, check, line);
    }
    if (scan.errors.length > 0) return undefined;
    scan.bodyTo.push(bodyTo);
  }
  return scan;
}

/** What both scans do with a classified line: headers, errors, and warnings about setting names. */
function lineChecker(scan: FileScan, state: ParseState): (line: LineScan) => void {
  const { text, file } = scan;
  /** The setting indented lines extend was kept (a valid name): its sub-settings are checked. */
  let propertyKept = false;
  const currentHeader = (): string => {
    const header = scan.headers[scan.headers.length - 1];
    return header ? headerText(text, header) : '';
  };
  const warn = (line: number, message: string): void => {
    const index = scan.headers.length - 1;
    if (index < 0) return; // lines after a broken first header: the file is refused anyway
    const list = scan.lineWarnings.get(index) ?? [];
    list.push({ file, line, message });
    scan.lineWarnings.set(index, list);
  };
  return (line: LineScan) => {
    switch (line.kind) {
      case 'section':
        if (scan.headers.length > 0 && scan.bodyTo.length < scan.headers.length) scan.bodyTo.push(line.start);
        scan.headers.push({ ...sectionKeyAt(text, line.innerStart, line.innerEnd), line: line.line, innerStart: line.innerStart, innerEnd: line.innerEnd });
        scan.bodyFrom.push(line.end + line.eol.length);
        propertyKept = false;
        break;
      case 'property':
        propertyKept = isValidIdentifierAt(text, line.keyStart, line.keyEnd);
        if (!propertyKept) warn(line.line, `setting '${text.slice(line.keyStart, line.keyEnd)}' in [${currentHeader()}] is ignored: not a valid setting name`);
        break;
      case 'subproperty':
        if (propertyKept && !isValidIdentifierAt(text, line.keyStart, line.keyEnd)) {
          const under = text.slice(state.propertyKeyStart, state.propertyKeyEnd);
          warn(
            line.line,
            `sub-setting '${text.slice(line.keyStart, line.keyEnd)}' under '${under}' in [${currentHeader()}] is ignored: not a valid setting name`,
          );
        }
        break;
      case 'invalid':
        scan.errors.push({ line: line.line, code: line.code!, message: line.reason! });
        break;
      default:
        break;
    }
  };
}
