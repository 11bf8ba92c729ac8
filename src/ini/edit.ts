// Property editors. Each returns a new IniDocument (the same object when nothing changed) in
// which only the lines that must change did: a value is replaced in place (spacing and a
// trailing comment kept), a new key goes after the last property of the last matching
// section, and a missing section is created at the end of the file.
import { usageError } from '../errors.ts';
import {
  assertEditable,
  assertKey,
  assertReadsBack,
  assertSectionName,
  assertValue,
  copyLines,
  describeRef,
  formatProperty,
  rebuild,
  rewriteValue,
} from './edit-core.ts';
import type { EditLine } from './edit-core.ts';
import { findSections, groupsForKey, headerFor, listSections, newlineStyle, propertyGroups } from './sections.ts';
import type { PropertyGroup, SectionRef, SectionSpan } from './sections.ts';
import type { IniDocument, IniLine } from './types.ts';

export function assertRef(ref: SectionRef): void {
  assertSectionName(ref.name);
  if (ref.file === 'credentials' && ref.type !== 'profile') {
    throw usageError(`cannot write a [${ref.type}] section to the credentials file`, 'the AWS SDKs read such sections only from the config file');
  }
}

export function setProperty(doc: IniDocument, ref: SectionRef, key: string, value: string): IniDocument {
  assertEditable(doc);
  assertRef(ref);
  assertKey(key);
  assertValue(value);
  const spans = findSections(doc, ref);
  const target = groupsForKey(doc, spans, key).at(-1);
  let lines: EditLine[];
  if (target) {
    lines = copyLines(doc);
    lines[target.index] = { text: rewriteValue(target.property.text, value), eol: target.property.eol };
    lines = withoutIndices(lines, new Set(target.children));
  } else {
    lines = insertIntoSection(doc, ref, spans, [formatProperty(key, value, neighbourProperty(doc, spans))]);
  }
  const result = rebuild(doc, lines);
  const written = groupsForKey(result, findSections(result, ref), key).at(-1);
  assertReadsBack(result.errors.length === 0 && written?.property.value === value && written.children.length === 0, `setting '${key}'`);
  return result;
}

export function unsetProperty(doc: IniDocument, ref: SectionRef, key: string): IniDocument {
  assertEditable(doc);
  const groups = groupsForKey(doc, findSections(doc, ref), key);
  if (groups.length === 0) return doc;
  const drop = new Set(groups.flatMap((g) => [g.index, ...g.children]));
  return rebuild(doc, withoutIndices(copyLines(doc), drop));
}

/** `key.subKey = value`, e.g. `s3 =` + indented `max_concurrent_requests = 20`. */
export function setSubProperty(doc: IniDocument, ref: SectionRef, key: string, subKey: string, value: string): IniDocument {
  assertEditable(doc);
  assertRef(ref);
  assertKey(key);
  assertKey(subKey);
  assertValue(value);
  const spans = findSections(doc, ref);
  const target = groupsForKey(doc, spans, key).at(-1);
  let lines: EditLine[];
  if (target) {
    if (target.property.value !== '') {
      throw usageError(`cannot set ${key}.${subKey}`, `'${key}' has a plain value in ${describeRef(ref)}`, `unset '${key}' first`);
    }
    lines = setInBlock(doc, target, subKey, value);
  } else {
    const indent = subIndent(doc, undefined);
    const parent = formatProperty(key, '', neighbourProperty(doc, spans));
    lines = insertIntoSection(doc, ref, spans, [parent, formatProperty(subKey, value, neighbourSub(doc, undefined), indent)]);
  }
  const result = rebuild(doc, lines);
  const group = groupsForKey(result, findSections(result, ref), key).at(-1);
  const sub =
    group &&
    subLines(result, group)
      .filter((l) => l.key.toLowerCase() === subKey.toLowerCase())
      .at(-1);
  assertReadsBack(result.errors.length === 0 && sub?.value === value, `setting '${key}.${subKey}'`);
  return result;
}

export function unsetSubProperty(doc: IniDocument, ref: SectionRef, key: string, subKey: string): IniDocument {
  assertEditable(doc);
  const drop = new Set<number>();
  for (const group of groupsForKey(doc, findSections(doc, ref), key)) {
    const subs = group.children.filter((i) => doc.lines[i]?.kind === 'subproperty');
    const matching = subs.filter((i) => (doc.lines[i] as Extract<IniLine, { kind: 'subproperty' }>).key.toLowerCase() === subKey.toLowerCase());
    for (const i of matching) drop.add(i);
    // An emptied block would read as `key = ""`, so the parent line goes with its last child.
    if (matching.length > 0 && matching.length === subs.length) drop.add(group.index);
  }
  return drop.size === 0 ? doc : rebuild(doc, withoutIndices(copyLines(doc), drop));
}

function setInBlock(doc: IniDocument, target: PropertyGroup, subKey: string, value: string): EditLine[] {
  const lines = copyLines(doc);
  const existing = target.children
    .filter((i) => {
      const line = doc.lines[i];
      return line?.kind === 'subproperty' && line.key.toLowerCase() === subKey.toLowerCase();
    })
    .at(-1);
  if (existing !== undefined) {
    const line = doc.lines[existing] as IniLine;
    lines[existing] = { text: rewriteValue(line.text, value), eol: line.eol };
    return lines;
  }
  const text = formatProperty(subKey, value, neighbourSub(doc, target), subIndent(doc, target));
  lines.splice(target.last + 1, 0, { text, eol: newlineStyle(doc) });
  return lines;
}

/** Inserts lines after the last property of the last span, or appends a new section. */
function insertIntoSection(doc: IniDocument, ref: SectionRef, spans: SectionSpan[], texts: string[]): EditLine[] {
  const lines = copyLines(doc);
  const eol = newlineStyle(doc);
  const span = spans.at(-1);
  if (span) {
    const after = propertyGroups(doc, span).at(-1)?.last ?? span.start;
    lines.splice(after + 1, 0, ...texts.map((text) => ({ text, eol })));
    return lines;
  }
  return appendSection(doc, lines, headerFor(ref), texts);
}

export function appendSection(doc: IniDocument, lines: EditLine[], header: string, body: string[]): EditLine[] {
  const eol = newlineStyle(doc);
  const last = lines.at(-1);
  if (last && last.text.trim() !== '' && separatesSectionsWithBlankLines(doc)) lines.push({ text: '', eol });
  lines.push({ text: header, eol }, ...body.map((text) => ({ text, eol })));
  return lines;
}

/** Most files put a blank line before each section; follow the file when it does not. */
function separatesSectionsWithBlankLines(doc: IniDocument): boolean {
  const later = listSections(doc).filter((s) => s.start > 0);
  if (later.length === 0) return true;
  const withBlank = later.filter((s) => doc.lines[s.start - 1]?.kind === 'blank').length;
  return withBlank * 2 >= later.length;
}

function neighbourProperty(doc: IniDocument, spans: SectionSpan[]): string | undefined {
  const inSection = spans.flatMap((s) => propertyGroups(doc, s)).at(-1);
  return inSection?.property.text ?? doc.lines.findLast((l) => l.kind === 'property')?.text;
}

function subLines(doc: IniDocument, group: PropertyGroup): Array<Extract<IniLine, { kind: 'subproperty' }>> {
  return group.children.map((i) => doc.lines[i] as IniLine).filter((l): l is Extract<IniLine, { kind: 'subproperty' }> => l.kind === 'subproperty');
}

function neighbourSub(doc: IniDocument, group: PropertyGroup | undefined): string | undefined {
  const own = group ? subLines(doc, group).at(-1) : undefined;
  return own?.text ?? doc.lines.findLast((l) => l.kind === 'subproperty')?.text;
}

/** Indentation of the block's own sub-settings, else of any in the file, else four spaces (as the AWS CLI writes). */
function subIndent(doc: IniDocument, group: PropertyGroup | undefined): string {
  const text = neighbourSub(doc, group);
  return text ? (/^[ \t]+/.exec(text)?.[0] ?? '    ') : '    ';
}

function withoutIndices(lines: EditLine[], drop: Set<number>): EditLine[] {
  return drop.size === 0 ? lines : lines.filter((_, i) => !drop.has(i));
}
