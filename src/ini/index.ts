// The lossless profile-file syntax model: parse, serialize, address and edit.
export { parseIni, serializeIni } from './parse.ts';
export { setProperty, unsetProperty, setSubProperty, unsetSubProperty } from './edit.ts';
export { addSection, renameSection, removeSection } from './edit-sections.ts';
export { findSections, listSections, propertyGroups, groupsForKey, headerFor, newlineStyle } from './sections.ts';
export type { SectionRef, SectionSpan, SectionType, ProfileFileKind, PropertyGroup } from './sections.ts';
export { isValidIdentifier, parseSectionKey } from './syntax.ts';
export type * from './types.ts';
