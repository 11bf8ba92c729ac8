// Profile names straight from the parsed files, in file order (config first, then names only
// the credentials file has). `configure list-profiles` runs at every Tab press of shell
// completion, so this skips normalization entirely and tolerates broken lines: a completion
// list should still offer the profiles a file does declare. The naming rules are the
// normalizer's: config `[profile x]` and `[default]`, credentials `[x]`, valid names only.
import { isValidIdentifier } from '../ini/syntax.ts';
import type { IniDocument, IniLine, SectionLine } from '../ini/types.ts';
import type { FileKind, ProfileSet } from './model.ts';

export interface ProfileFiles {
  name: string;
  /** The files that declare it, config first. */
  files: FileKind[];
}

/** The profile a section header declares in a file of this kind, or undefined. */
export function profileNameOf(header: Pick<SectionLine, 'prefix' | 'name'>, kind: FileKind): string | undefined {
  let name: string | undefined;
  if (kind === 'credentials') name = header.prefix === undefined ? header.name : undefined;
  else if (header.prefix === 'profile') name = header.name;
  else if (header.prefix === undefined && header.name === 'default') name = 'default';
  return name !== undefined && isValidIdentifier(name) ? name : undefined;
}

export function profileNamesByFile(configDoc: IniDocument | undefined, credentialsDoc: IniDocument | undefined): ProfileFiles[] {
  const byName = new Map<string, ProfileFiles>();
  const add = (doc: IniDocument | undefined, kind: FileKind): void => {
    const lines = doc?.lines ?? [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as IniLine;
      if (line.kind !== 'section') continue;
      const name = profileNameOf(line, kind);
      if (name === undefined) continue;
      const entry = byName.get(name);
      if (!entry) byName.set(name, { name, files: [kind] });
      else if (!entry.files.includes(kind)) entry.files.push(kind);
    }
  };
  add(configDoc, 'config');
  add(credentialsDoc, 'credentials');
  return [...byName.values()];
}

/** The same from a normalized set: its profiles in file order, with the files that declare each. */
export function profileFilesOf(set: ProfileSet): ProfileFiles[] {
  return Object.keys(set.profiles).map((name) => {
    const section = set.profiles[name]!;
    return { name, files: section.declaredIn ?? (section.origin ? [section.origin.kind] : []) };
  });
}
