// Section editors: add, rename, remove. Same contract as edit.ts: a new IniDocument, only the
// lines that must change, BOM / newline style / final-newline state kept.
import { AwsctlError, usageError } from '../errors.ts';
import { assertEditable, assertSectionName, copyLines, describeRef, rebuild } from './edit-core.ts';
import { appendSection, assertRef } from './edit.ts';
import { findSections, headerFor } from './sections.ts';
import type { SectionRef, SectionSpan } from './sections.ts';
import { stripComment } from './syntax.ts';
import type { IniDocument } from './types.ts';

function notFound(ref: SectionRef): AwsctlError {
  return new AwsctlError(`no ${describeRef(ref)}`, 'there is no such section', { profile: ref.type === 'profile' ? ref.name : undefined });
}

/** Appends an empty section; refuses when the file already has one the SDKs would read as it. */
export function addSection(doc: IniDocument, ref: SectionRef): IniDocument {
  assertEditable(doc);
  assertRef(ref);
  if (findSections(doc, ref).length > 0) throw usageError(`cannot add ${describeRef(ref)}`, 'it already exists');
  return rebuild(doc, appendSection(doc, copyLines(doc), headerFor(ref), []));
}

/** Renames every header of the section (duplicates included), keeping a comment after `]`. */
export function renameSection(doc: IniDocument, ref: SectionRef, newName: string): IniDocument {
  assertEditable(doc);
  assertRef(ref);
  assertSectionName(newName);
  const target: SectionRef = { ...ref, name: newName };
  const spans = findSections(doc, ref);
  if (spans.length === 0) throw notFound(ref);
  if (newName === ref.name) return doc;
  if (findSections(doc, target).length > 0) throw usageError(`cannot rename ${describeRef(ref)}`, `${describeRef(target)} already exists`);
  const lines = copyLines(doc);
  for (const span of spans) {
    const { text, eol } = span.header;
    const indent = /^[ \t]*/.exec(text)?.[0] ?? '';
    const afterBracket = indent.length + stripComment(text, false).length;
    lines[span.start] = { text: indent + headerFor(target) + text.slice(afterBracket), eol };
  }
  return rebuild(doc, lines);
}

/**
 * Removes every matching section: its header, its properties and the comments among them.
 * Comments and blank lines after its last property stay: they usually introduce the next
 * section. One blank line goes too when that avoids leaving two in a row.
 */
export function removeSection(doc: IniDocument, ref: SectionRef): IniDocument {
  assertEditable(doc);
  const spans = findSections(doc, ref);
  if (spans.length === 0) throw notFound(ref);
  const drop = new Set<number>();
  for (const span of spans) {
    const last = lastContentLine(doc, span);
    for (let i = span.start; i <= last; i++) drop.add(i);
    const before = doc.lines[span.start - 1];
    const after = doc.lines[last + 1];
    if ((span.start === 0 || before?.kind === 'blank') && after?.kind === 'blank') drop.add(last + 1);
  }
  return rebuild(
    doc,
    copyLines(doc).filter((_, i) => !drop.has(i)),
  );
}

function lastContentLine(doc: IniDocument, span: SectionSpan): number {
  let last = span.start;
  for (let i = span.start + 1; i < span.end; i++) {
    const kind = doc.lines[i]?.kind;
    if (kind !== 'blank' && kind !== 'comment') last = i;
  }
  return last;
}
