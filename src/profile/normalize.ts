// Second normalization stage: give sections their meaning and merge both files into a
// ProfileSet, following the cross-SDK profile-file specification (smithy-rs normalize.rs):
// - config: `[profile x]`, `[default]`, `[sso-session x]`, `[services x]`, other `[type x]`;
//   a bare `[x]` other than `[default]` is ignored; if any `[profile default]` exists, every
//   bare `[default]` is ignored, wherever it appears;
// - credentials: only bare `[x]`; any prefixed section is ignored. Kotlin makes
//   `[sso-session x]` in the credentials file a hard error; we follow smithy-rs and the AWS CLI
//   (ignore it, with a warning), because one stray section should not break every command;
// - invalid names (anything but letters, digits and `- / . % @ _ : +`) are ignored with a
//   warning. That includes botocore's quoted names (`[profile "my profile"]`): the AWS CLI
//   accepts them but every AWS SDK ignores them, and awsctl hands credentials to SDKs, so a
//   profile only awsctl and the CLI could see would be a trap. The warning says how to fix it;
// - duplicate sections merge, the last value of a key wins, keys are case-insensitive, and
//   credentials-file values win over config-file values.
import { isValidIdentifier } from '../ini/syntax.ts';
import type { IniDocument } from '../ini/types.ts';
import { emptyMap } from './model.ts';
import type { FileKind, ProfileSet, ProfileWarning, PropertyValue, Section } from './model.ts';
import { assertNoSyntaxErrors, collectSections } from './raw-sections.ts';
import type { RawSection } from './raw-sections.ts';

export interface ProfilePaths {
  config: string;
  credentials: string;
}

/** Sections the AWS CLI keeps in the config file for itself; skipped without a warning. */
const CLI_OWN_SECTIONS = new Set(['plugins', 'preview']);

type Placement =
  | { to: 'profile' | 'sso-session' | 'services'; name: string }
  | { to: 'other'; type: string; name: string }
  | { to: 'ignored'; why: string | undefined };

/** Throws AwsctlError (file:line) when either file has a line the SDKs reject. */
export function normalize(configDoc: IniDocument | undefined, credentialsDoc: IniDocument | undefined, paths: ProfilePaths): ProfileSet {
  if (configDoc) assertNoSyntaxErrors(configDoc, 'config', paths.config);
  if (credentialsDoc) assertNoSyntaxErrors(credentialsDoc, 'credentials', paths.credentials);
  const set: ProfileSet = { profiles: emptyMap(), ssoSessions: emptyMap(), services: emptyMap(), otherSections: emptyMap(), warnings: [] };
  if (configDoc) mergeFile(set, collectSections(configDoc), 'config', paths.config);
  if (credentialsDoc) mergeFile(set, collectSections(credentialsDoc), 'credentials', paths.credentials);
  buildServices(set);
  return set;
}

function mergeFile(set: ProfileSet, sections: RawSection[], kind: FileKind, file: string): void {
  const hasPrefixedDefault = kind === 'config' && sections.some((s) => s.prefix === 'profile' && s.name === 'default');
  for (const raw of sections) {
    const placement = place(raw, kind, hasPrefixedDefault);
    if (placement.to === 'ignored') {
      if (placement.why) set.warnings.push({ file, line: raw.line, message: `section [${raw.header}] is ignored: ${placement.why}` });
      continue;
    }
    const target = targetSection(set, placement, { kind, file, line: raw.line });
    mergeProperties(target, raw, kind, file, set.warnings);
  }
}

function place(raw: RawSection, kind: FileKind, hasPrefixedDefault: boolean): Placement {
  const placement = kind === 'config' ? placeInConfig(raw, hasPrefixedDefault) : placeInCredentials(raw);
  if (placement.to === 'ignored' || isValidIdentifier(placement.name)) return placement;
  return { to: 'ignored', why: invalidNameReason(raw.name) };
}

function placeInConfig(raw: RawSection, hasPrefixedDefault: boolean): Placement {
  switch (raw.prefix) {
    case undefined:
      if (raw.name === 'default') {
        return hasPrefixedDefault ? { to: 'ignored', why: 'the file also has [profile default], which replaces it' } : { to: 'profile', name: 'default' };
      }
      if (CLI_OWN_SECTIONS.has(raw.name)) return { to: 'ignored', why: undefined };
      return { to: 'ignored', why: `in the config file a profile is written [profile ${raw.name}]` };
    case 'profile':
      return { to: 'profile', name: raw.name };
    case 'sso-session':
    case 'services':
      return { to: raw.prefix, name: raw.name };
    default:
      return { to: 'other', type: raw.prefix, name: raw.name };
  }
}

function placeInCredentials(raw: RawSection): Placement {
  if (raw.prefix === undefined) return { to: 'profile', name: raw.name };
  if (raw.prefix === 'profile') return { to: 'ignored', why: `in the credentials file a profile is written [${raw.name}], without 'profile'` };
  if (raw.prefix === 'sso-session' || raw.prefix === 'services') return { to: 'ignored', why: `[${raw.prefix}] sections belong in the config file` };
  return { to: 'ignored', why: invalidNameReason(raw.header) };
}

function invalidNameReason(name: string): string {
  const unquoted = name.replace(/^"(.*)"$/s, '$1');
  const suggestion = unquoted.replace(/[^A-Za-z0-9_\-/.%@:+]+/g, '-').replace(/^-+|-+$/g, '') || 'a-valid-name';
  if (unquoted !== name) {
    return `quoted names are read by the AWS CLI but ignored by the AWS SDKs, so awsctl ignores them too; name it ${suggestion}`;
  }
  return `'${name}' is not a valid name (use letters, digits and - / . % @ _ : +), e.g. ${suggestion}`;
}

function targetSection(set: ProfileSet, placement: Exclude<Placement, { to: 'ignored' }>, origin: Section['origin']): Section {
  let map: Record<string, Section>;
  if (placement.to === 'profile') map = set.profiles;
  else if (placement.to === 'sso-session') map = set.ssoSessions;
  else {
    const type = placement.to === 'other' ? placement.type : 'services';
    const others = (set.otherSections ??= emptyMap());
    map = others[type] ??= emptyMap();
  }
  return (map[placement.name] ??= { name: placement.name, properties: emptyMap(), origin });
}

function mergeProperties(target: Section, raw: RawSection, kind: FileKind, file: string, warnings: ProfileWarning[]): void {
  for (const property of raw.properties) {
    if (!isValidIdentifier(property.key)) {
      warnings.push({ file, line: property.line, message: `setting '${property.key}' in [${raw.header}] is ignored: not a valid setting name` });
      continue;
    }
    for (const bad of property.invalidSubKeys ?? []) {
      warnings.push({ file, line: bad.line, message: `sub-setting '${bad.key}' under '${property.key}' in [${raw.header}] is ignored: not a valid setting name` });
    }
    const value: PropertyValue = { key: property.key, value: property.value, origin: { kind, file, line: property.line } };
    if (property.subProperties) value.subProperties = property.subProperties;
    target.properties[property.key.toLowerCase()] = value;
  }
}

/** `[services x]` sections as service id → sub-settings; plain `key = value` lines there mean nothing. */
function buildServices(set: ProfileSet): void {
  const sections = set.otherSections?.['services'];
  if (!sections) return;
  for (const [name, section] of Object.entries(sections)) {
    const services = (set.services[name] = emptyMap<Record<string, string>>());
    for (const [id, property] of Object.entries(section.properties)) {
      if (property.subProperties) services[id] = property.subProperties;
      else set.warnings.push({ ...originOf(property.origin), message: `setting '${property.key}' in [services ${name}] is ignored: a services section holds '<service> =' lines followed by indented settings` });
    }
  }
}

function originOf(origin: { file: string; line: number }): { file: string; line: number } {
  return { file: origin.file, line: origin.line };
}
