// First normalization stage: group a parsed file's lines into sections and properties, with
// the values the SDKs compute (continuations joined with "\n", sub-property blocks kept both
// as the raw smithy-rs string and as a map). No meaning is given to prefixes here.
import { AwsctlError } from '../errors.ts';
import { isValidIdentifier } from '../ini/syntax.ts';
import type { IniDocument } from '../ini/types.ts';
import type { FileKind } from './model.ts';

export interface RawProperty {
  key: string;
  value: string;
  subProperties?: Record<string, string>;
  line: number;
  /** Sub-keys that are not valid names (dropped from the map, kept in `value`). */
  invalidSubKeys?: Array<{ key: string; line: number }>;
}

export interface RawSection {
  /** Header text between the brackets, trimmed, for messages. */
  header: string;
  prefix: string | undefined;
  name: string;
  line: number;
  properties: RawProperty[];
}

const fileLabel: Record<FileKind, string> = { config: 'AWS config file', credentials: 'AWS credentials file' };

/** Throws for the first line the SDKs would reject, naming file:line and what is wrong. */
export function assertNoSyntaxErrors(doc: IniDocument, kind: FileKind, path: string): void {
  const first = doc.errors[0];
  if (!first) return;
  const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more problem${doc.errors.length > 2 ? 's' : ''})` : '';
  throw new AwsctlError(`invalid ${fileLabel[kind]}`, `${first.message}${more}`, {
    file: path,
    line: first.line,
    hint: 'fix or remove that line; the AWS CLI and SDKs reject this file too',
  });
}

export function collectSections(doc: IniDocument): RawSection[] {
  const sections: RawSection[] = [];
  let section: RawSection | undefined;
  let property: RawProperty | undefined;
  for (const line of doc.lines) {
    switch (line.kind) {
      case 'section':
        section = { header: line.header.trim(), prefix: line.prefix, name: line.name, line: line.line, properties: [] };
        sections.push(section);
        property = undefined;
        break;
      case 'property':
        property = { key: line.key, value: line.value, line: line.line };
        section?.properties.push(property);
        break;
      case 'continuation':
        if (property) property.value += '\n' + line.value;
        break;
      case 'subproperty':
        if (property) addSubProperty(property, line.raw, line.key, line.value, line.line);
        break;
      default:
        break;
    }
  }
  return sections;
}

function addSubProperty(property: RawProperty, raw: string, key: string, value: string, line: number): void {
  property.value += '\n' + raw;
  property.subProperties ??= Object.create(null) as Record<string, string>;
  if (isValidIdentifier(key)) property.subProperties[key.toLowerCase()] = value;
  else (property.invalidSubKeys ??= []).push({ key, line });
}
