// The lossless syntax model of the AWS profile-file INI dialect. Every byte of the input is
// kept: a document is an optional BOM plus lines, and each line keeps its exact text and its
// exact line ending, so serializeIni(parseIni(text)) === text for any string. The per-line
// fields (kind, key, value, ...) are derived views used by the normalizer and the editors.

/** Line terminator as found in the file; '' only on a last line with no final newline. */
export type LineEnding = '' | '\n' | '\r\n';

/** Why a line cannot be understood (the categories every AWS SDK rejects). */
export type SyntaxErrorCode =
  | 'unterminated-header' // `[profile foo` — Rust: "Profile definition must end with ']'"
  | 'outside-section' // property or indented line before any header — "Expected a profile definition"
  | 'property-without-name' // `= value` — "Property did not have a name"
  | 'property-without-equals' // `key : value` — "Expected an '=' sign defining a property"
  | 'orphan-continuation' // indented line right after a header — "Expected a property definition, found continuation"
  | 'subproperty-without-equals' // indented line under `s3 =` without '=' — "Expected an '=' sign defining a sub-property"
  | 'subproperty-without-name'; // ` = value` under `s3 =` — "Sub-property did not have a name"

interface LineBase {
  /** The line's bytes without its line ending. */
  text: string;
  eol: LineEnding;
  /** 1-based line number in the file (a BOM does not count as a line). */
  line: number;
}

interface BlankLine extends LineBase {
  kind: 'blank';
}

/** A whole-line comment: the first character is `#` or `;`. */
interface CommentLine extends LineBase {
  kind: 'comment';
}

export interface SectionLine extends LineBase {
  kind: 'section';
  /** Text between `[` and `]`, untrimmed (after removing a trailing comment). */
  header: string;
  /** Prefix word (`profile`, `sso-session`, `services`, ...) or undefined for `[name]`. */
  prefix: string | undefined;
  /** Trimmed section name (without the prefix). */
  name: string;
}

export interface PropertyLine extends LineBase {
  kind: 'property';
  /** Trimmed key as written (case kept). */
  key: string;
  /** Trimmed value with an inline comment (whitespace + `#`/`;`) removed. */
  value: string;
}

/** An indented line that extends the value of a property whose value was not empty. */
interface ContinuationLine extends LineBase {
  kind: 'continuation';
  /** The trimmed line, comments included, as the SDKs append it after "\n". */
  value: string;
}

/** An indented `key = value` line inside a sub-property block (`s3 =` followed by indented lines). */
interface SubPropertyLine extends LineBase {
  kind: 'subproperty';
  /** The trimmed line as the SDKs append it to the raw block value. */
  raw: string;
  key: string;
  value: string;
}

/** A line the SDKs reject; kept byte for byte so nothing is ever lost. */
interface InvalidLine extends LineBase {
  kind: 'invalid';
  code: SyntaxErrorCode;
  /** Human-readable reason; never quotes the line's value (it may be a secret). */
  reason: string;
}

export type IniLine = BlankLine | CommentLine | SectionLine | PropertyLine | ContinuationLine | SubPropertyLine | InvalidLine;

export interface IniSyntaxError {
  line: number;
  code: SyntaxErrorCode;
  message: string;
}

export interface IniDocument {
  /** The text started with U+FEFF (written back as-is). */
  bom: boolean;
  lines: IniLine[];
  /** Every invalid line, in file order (empty for a well-formed file). */
  errors: IniSyntaxError[];
}
