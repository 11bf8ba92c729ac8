// Pure whole-profile edits for `configure rename` / `configure remove` (and anyone else who
// needs them): built on the ini editors, so only the lines that must change do.
import { assertSectionName, copyLines, rebuild, rewriteValue } from '../ini/edit-core.ts';
import { removeSection, renameSection } from '../ini/edit-sections.ts';
import { findSections, listSections, propertyGroups } from '../ini/sections.ts';
import type { PropertyGroup, SectionRef } from '../ini/sections.ts';
import type { IniDocument } from '../ini/types.ts';
import type { FileKind } from './model.ts';
import { profileNameOf } from './profile-names.ts';

export function profileRef(kind: FileKind, name: string): SectionRef {
  return { file: kind, type: 'profile', name };
}

export function hasProfile(doc: IniDocument | undefined, kind: FileKind, name: string): boolean {
  return doc !== undefined && findSections(doc, profileRef(kind, name)).length > 0;
}

interface SourceProfileLine {
  /** The profile whose section holds the line. */
  profile: string;
  group: PropertyGroup;
}

/** Every `source_profile = <name>` line of every profile section, duplicates included. */
function sourceProfileLines(doc: IniDocument, kind: FileKind, name: string): SourceProfileLine[] {
  const found: SourceProfileLine[] = [];
  for (const span of listSections(doc)) {
    const profile = profileNameOf(span.header, kind);
    if (profile === undefined) continue;
    for (const group of propertyGroups(doc, span)) {
      if (group.property.key.toLowerCase() === 'source_profile' && group.property.value === name && group.children.length === 0) {
        found.push({ profile, group });
      }
    }
  }
  return found;
}

/** Names of the profiles (other than `name` itself) whose source_profile is `name`, in file order, without repeats. */
export function sourceProfileReferrers(doc: IniDocument | undefined, kind: FileKind, name: string): string[] {
  if (!doc) return [];
  const names = sourceProfileLines(doc, kind, name)
    .map((l) => l.profile)
    .filter((p) => p !== name);
  return [...new Set(names)];
}

/** Points every `source_profile = oldName` at newName, keeping each line's spacing and comment. */
function replaceSourceProfile(doc: IniDocument, kind: FileKind, oldName: string, newName: string): IniDocument {
  assertSectionName(newName);
  const hits = sourceProfileLines(doc, kind, oldName);
  if (hits.length === 0) return doc;
  const lines = copyLines(doc);
  for (const { group } of hits) lines[group.index] = { text: rewriteValue(group.property.text, newName), eol: group.property.eol };
  return rebuild(doc, lines);
}

/** Renames the profile's sections (when the file has any) and every source_profile naming it. */
export function renameProfile(doc: IniDocument, kind: FileKind, oldName: string, newName: string): IniDocument {
  const renamed = hasProfile(doc, kind, oldName) ? renameSection(doc, profileRef(kind, oldName), newName) : doc;
  return replaceSourceProfile(renamed, kind, oldName, newName);
}

/** Removes the profile's sections when the file has any; otherwise the same document. */
export function removeProfile(doc: IniDocument, kind: FileKind, name: string): IniDocument {
  return hasProfile(doc, kind, name) ? removeSection(doc, profileRef(kind, name)) : doc;
}
