// Shared machinery of the editors: validating what is written, rewriting one line's value
// while keeping its spacing and comment, and rebuilding a document from edited lines while
// keeping its BOM, newline style and final-newline state.
import { AwsctlError, ExitCode, usageError } from '../errors.ts';
import { parseIni } from './parse.ts';
import { headerFor, newlineStyle } from './sections.ts';
import type { SectionRef } from './sections.ts';
import { commentStart, isSpaceOrTab, isValidIdentifier } from './syntax.ts';
import type { IniDocument, LineEnding } from './types.ts';

export interface EditLine {
  text: string;
  eol: LineEnding;
}

const NAME_RULE = 'use letters, digits and - / . % @ _ : + only';

export function assertEditable(doc: IniDocument): void {
  const first = doc.errors[0];
  if (first) {
    throw new AwsctlError('cannot edit the file', `line ${first.line}: ${first.message}`, {
      line: first.line,
      hint: 'fix that line first; awsctl does not write into a file it cannot read',
    });
  }
}

function assertNoLineBreak(what: string, text: string): void {
  if (/[\r\n]/.test(text)) throw usageError(`invalid ${what}`, 'it contains a line break, which would split the line in the file');
}

export function assertSectionName(name: string): void {
  assertNoLineBreak('section name', name);
  if (/[[\]]/.test(name)) throw usageError('invalid section name', `'${name}' contains '[' or ']', which would break the section header`);
  if (!isValidIdentifier(name)) throw usageError('invalid section name', `'${name}' is not a name the AWS SDKs accept (${NAME_RULE})`);
}

export function assertKey(key: string): void {
  assertNoLineBreak('setting name', key);
  if (!isValidIdentifier(key)) throw usageError('invalid setting name', `'${key}' is not a name the AWS SDKs accept (${NAME_RULE})`);
}

/** Values are never echoed: they may be secrets. */
export function assertValue(value: string): void {
  assertNoLineBreak('value', value);
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) throw usageError('invalid value', 'it contains a control character');
  if (value !== '' && (isSpaceOrTab(value[0]) || isSpaceOrTab(value[value.length - 1]))) {
    throw usageError('invalid value', 'it starts or ends with whitespace, which the AWS SDKs trim away');
  }
  if (commentStart(value, true) >= 0 || value.startsWith('#') || value.startsWith(';')) {
    throw usageError('invalid value', "it starts with '#' or ';' or contains ' #' or ' ;', which the AWS SDKs read as a comment");
  }
}

/** Replaces the value on a `key = value` line (indented or not), keeping spacing and a trailing comment. */
export function rewriteValue(text: string, value: string): string {
  const indent = text.length - text.replace(/^[ \t]+/, '').length;
  const eq = text.indexOf('=', indent);
  let valueStart = eq + 1;
  while (valueStart < text.length && isSpaceOrTab(text[valueStart])) valueStart++;
  const comment = commentStart(text.slice(indent), true);
  let valueEnd = comment < 0 ? text.length : comment + indent;
  while (valueEnd > valueStart && isSpaceOrTab(text[valueEnd - 1])) valueEnd--;
  if (valueEnd < valueStart) valueEnd = valueStart;
  const gap = valueStart === eq + 1 && value !== '' && isSpaceOrTab(text[eq - 1]) ? ' ' : '';
  return text.slice(0, valueStart) + gap + value + text.slice(valueEnd);
}

/** `key = value` in the spacing style of a neighbouring line (`k=v` or `k = v`). */
export function formatProperty(key: string, value: string, neighbour: string | undefined, indent = ''): string {
  const style = neighbour ? /^[ \t]*[^=]*?([ \t]*)=([ \t]*)/.exec(neighbour) : null;
  const before = style?.[1] ?? ' ';
  const after = style?.[2] ?? ' ';
  return value === '' ? `${indent}${key}${before}=` : `${indent}${key}${before}=${after}${value}`;
}

/** Rebuilds a document from edited lines, keeping BOM, newline style and final-newline state. */
export function rebuild(original: IniDocument, lines: EditLine[]): IniDocument {
  const style = newlineStyle(original);
  const last = original.lines[original.lines.length - 1];
  const endsWithNewline = last === undefined || last.eol !== '';
  const fixed = lines.map((line, i) => {
    const isLast = i === lines.length - 1;
    if (!isLast) return line.eol === '' ? { text: line.text, eol: style } : line;
    if (endsWithNewline) return line.eol === '' ? { text: line.text, eol: style } : line;
    return { text: line.text, eol: '' as LineEnding };
  });
  let text = original.bom ? '\uFEFF' : '';
  for (const line of fixed) text += line.text + line.eol;
  return parseIni(text);
}

export function copyLines(doc: IniDocument): EditLine[] {
  return doc.lines.map((line) => ({ text: line.text, eol: line.eol }));
}

export function describeRef(ref: SectionRef): string {
  return `${headerFor(ref)} in the ${ref.file} file`;
}

/** Safety net: the edit must read back exactly as intended, or nothing is written. */
export function assertReadsBack(ok: boolean, what: string): void {
  if (!ok) throw new AwsctlError('refusing to edit the file', `${what} would not read back as written`, { exitCode: ExitCode.usage });
}
