// Addressing sections and properties inside an IniDocument for the editors: which header
// lines a (file kind, section type, name) means, where each section's lines end, and which
// indented lines belong to which property.
import type { IniDocument, IniLine, LineEnding, PropertyLine, SectionLine } from './types.ts';

export type ProfileFileKind = 'config' | 'credentials';
export type SectionType = 'profile' | 'sso-session' | 'services';

/**
 * A section as people name it: config `[profile x]` / `[default]` / `[sso-session x]` /
 * `[services x]`; credentials `[x]` (type 'profile' only).
 */
export interface SectionRef {
  file: ProfileFileKind;
  type: SectionType;
  name: string;
}

export interface SectionSpan {
  /** Index in doc.lines of the header line. */
  start: number;
  /** Index one past the section's last line (the next header, or the end of the file). */
  end: number;
  header: SectionLine;
}

/** The header text awsctl writes for a new section. */
export function headerFor(ref: SectionRef): string {
  if (ref.file === 'credentials') return `[${ref.name}]`;
  if (ref.type === 'profile') return ref.name === 'default' ? '[default]' : `[profile ${ref.name}]`;
  return `[${ref.type} ${ref.name}]`;
}

/** Every well-formed section, in file order. An unterminated header still ends the span before it. */
export function listSections(doc: IniDocument): SectionSpan[] {
  const spans: SectionSpan[] = [];
  let open: SectionSpan | undefined;
  doc.lines.forEach((line, index) => {
    const isHeader = line.kind === 'section' || (line.kind === 'invalid' && line.code === 'unterminated-header');
    if (!isHeader) return;
    if (open) open.end = index;
    open = undefined;
    if (line.kind === 'section') {
      open = { start: index, end: doc.lines.length, header: line };
      spans.push(open);
    }
  });
  return spans;
}

/**
 * The sections the SDKs read for `ref`. For the config file's default profile that is every
 * `[profile default]` when one exists (the SDKs then ignore bare `[default]`), else `[default]`.
 */
export function findSections(doc: IniDocument, ref: SectionRef): SectionSpan[] {
  const spans = listSections(doc);
  if (ref.file === 'credentials') {
    return ref.type === 'profile' ? spans.filter((s) => s.header.prefix === undefined && s.header.name === ref.name) : [];
  }
  if (ref.type === 'profile' && ref.name === 'default') {
    const prefixed = spans.filter((s) => s.header.prefix === 'profile' && s.header.name === 'default');
    return prefixed.length > 0 ? prefixed : spans.filter((s) => s.header.prefix === undefined && s.header.name === 'default');
  }
  return spans.filter((s) => s.header.prefix === ref.type && s.header.name === ref.name);
}

/** A property line and the indented lines that belong to it (comments and blanks may sit between). */
export interface PropertyGroup {
  index: number;
  property: PropertyLine;
  /** Indices of its continuation / sub-property lines. */
  children: number[];
  /** Index of its last line (the property line itself when it has no children). */
  last: number;
}

export function propertyGroups(doc: IniDocument, span: SectionSpan): PropertyGroup[] {
  const groups: PropertyGroup[] = [];
  let current: PropertyGroup | undefined;
  for (let i = span.start + 1; i < span.end; i++) {
    const line = doc.lines[i] as IniLine;
    if (line.kind === 'property') {
      current = { index: i, property: line, children: [], last: i };
      groups.push(current);
    } else if ((line.kind === 'continuation' || line.kind === 'subproperty') && current) {
      current.children.push(i);
      current.last = i;
    } else if (line.kind === 'invalid') {
      current = undefined;
    }
  }
  return groups;
}

/** Groups for `key` (case-insensitive) across the spans, in file order. */
export function groupsForKey(doc: IniDocument, spans: SectionSpan[], key: string): PropertyGroup[] {
  const wanted = key.toLowerCase();
  return spans.flatMap((span) => propertyGroups(doc, span).filter((g) => g.property.key.toLowerCase() === wanted));
}

/** The file's newline style: that of its first line ending, LF for a file without any. */
export function newlineStyle(doc: IniDocument): Exclude<LineEnding, ''> {
  const first = doc.lines.find((line) => line.eol !== '');
  return first?.eol === '\r\n' ? '\r\n' : '\n';
}
