// Parsed files → ProfileSet, following the cross-SDK profile-file specification (smithy-rs
// normalize.rs):
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
//   credentials-file values win over config-file values;
// - values are the ones the SDKs compute: continuation lines joined with "\n", a sub-property
//   block kept both as the raw smithy-rs string ("\nk = v\nk2 = v2") and as a map.
// One pass over each file's lines, writing straight into the ProfileSet (no intermediate
// section or property records): this runs on every start-up, for files of any size.
import { isValidIdentifier } from '../ini/syntax.ts';
import type { IniDocument, IniLine, SectionLine } from '../ini/types.ts';
import { emptyMap } from './model.ts';
import type { FileKind, ProfileSet, PropertyValue, Section } from './model.ts';
import { assertNoSyntaxErrors } from './syntax-errors.ts';

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
  if (configDoc) mergeFile(set, configDoc, 'config', paths.config);
  if (credentialsDoc) mergeFile(set, credentialsDoc, 'credentials', paths.credentials);
  buildServices(set);
  return set;
}

// The loops over lines below are indexed, not for...of: start-up code runs in V8's interpreter,
// where each for...of step allocates an iterator result, and files have 100k+ lines.

function hasPrefixedDefault(doc: IniDocument): boolean {
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as IniLine;
    if (line.kind === 'section' && line.prefix === 'profile' && line.name === 'default') return true;
  }
  return false;
}

function mergeFile(set: ProfileSet, doc: IniDocument, kind: FileKind, file: string): void {
  const skipBareDefault = kind === 'config' && hasPrefixedDefault(doc);
  const warn = (line: number, message: string): void => void set.warnings.push({ file, line, message });
  let header: SectionLine | undefined;
  /** The section the lines below the header merge into; undefined while it is ignored. */
  let target: Section | undefined;
  /** The property indented lines extend; undefined after an ignored one. */
  let property: PropertyValue | undefined;
  const lines = doc.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as IniLine;
    switch (line.kind) {
      case 'section': {
        header = line;
        property = undefined;
        const placement = place(line, kind, skipBareDefault);
        if (placement.to === 'ignored') {
          target = undefined;
          if (placement.why) warn(line.line, `section [${line.header.trim()}] is ignored: ${placement.why}`);
        } else target = targetSection(set, placement, kind, file, line.line);
        break;
      }
      case 'property':
        property = undefined;
        if (!target) break;
        if (!isValidIdentifier(line.key)) {
          warn(line.line, `setting '${line.key}' in [${header?.header.trim()}] is ignored: not a valid setting name`);
          break;
        }
        property = { key: line.key, value: line.value, origin: { kind, file, line: line.line } };
        target.properties[line.key.toLowerCase()] = property;
        break;
      case 'continuation':
        if (property) property.value += '\n' + line.value;
        break;
      case 'subproperty': {
        if (!property) break;
        property.value += '\n' + line.raw;
        const subProperties = (property.subProperties ??= emptyMap());
        if (isValidIdentifier(line.key)) subProperties[line.key.toLowerCase()] = line.value;
        else warn(line.line, `sub-setting '${line.key}' under '${property.key}' in [${header?.header.trim()}] is ignored: not a valid setting name`);
        break;
      }
      default:
        break;
    }
  }
}

function place(header: SectionLine, kind: FileKind, skipBareDefault: boolean): Placement {
  const placement = kind === 'config' ? placeInConfig(header, skipBareDefault) : placeInCredentials(header);
  if (placement.to === 'ignored' || isValidIdentifier(placement.name)) return placement;
  return { to: 'ignored', why: invalidNameReason(header.name) };
}

function placeInConfig(header: SectionLine, skipBareDefault: boolean): Placement {
  switch (header.prefix) {
    case undefined:
      if (header.name === 'default') {
        return skipBareDefault ? { to: 'ignored', why: 'the file also has [profile default], which replaces it' } : { to: 'profile', name: 'default' };
      }
      if (CLI_OWN_SECTIONS.has(header.name)) return { to: 'ignored', why: undefined };
      return { to: 'ignored', why: `in the config file a profile is written [profile ${header.name}]` };
    case 'profile':
      return { to: 'profile', name: header.name };
    case 'sso-session':
    case 'services':
      return { to: header.prefix, name: header.name };
    default:
      return { to: 'other', type: header.prefix, name: header.name };
  }
}

function placeInCredentials(header: SectionLine): Placement {
  if (header.prefix === undefined) return { to: 'profile', name: header.name };
  if (header.prefix === 'profile') return { to: 'ignored', why: `in the credentials file a profile is written [${header.name}], without 'profile'` };
  if (header.prefix === 'sso-session' || header.prefix === 'services') return { to: 'ignored', why: `[${header.prefix}] sections belong in the config file` };
  return { to: 'ignored', why: invalidNameReason(header.header.trim()) };
}

function invalidNameReason(name: string): string {
  const unquoted = name.replace(/^"(.*)"$/s, '$1');
  const suggestion = unquoted.replace(/[^A-Za-z0-9_\-/.%@:+]+/g, '-').replace(/^-+|-+$/g, '') || 'a-valid-name';
  if (unquoted !== name) {
    return `quoted names are read by the AWS CLI but ignored by the AWS SDKs, so awsctl ignores them too; name it ${suggestion}`;
  }
  return `'${name}' is not a valid name (use letters, digits and - / . % @ _ : +), e.g. ${suggestion}`;
}

/** The section a header merges into, created (with the header as its origin) on first sight. */
function targetSection(set: ProfileSet, placement: Exclude<Placement, { to: 'ignored' }>, kind: FileKind, file: string, line: number): Section {
  let map: Record<string, Section>;
  if (placement.to === 'profile') map = set.profiles;
  else if (placement.to === 'sso-session') map = set.ssoSessions;
  else {
    const type = placement.to === 'other' ? placement.type : 'services';
    const others = (set.otherSections ??= emptyMap());
    map = others[type] ??= emptyMap();
  }
  const known = map[placement.name];
  if (known) return known;
  return (map[placement.name] = { name: placement.name, properties: emptyMap(), origin: { kind, file, line } });
}

/** `[services x]` sections as service id → sub-settings; plain `key = value` lines there mean nothing. */
function buildServices(set: ProfileSet): void {
  const sections = set.otherSections?.['services'];
  if (!sections) return;
  for (const [name, section] of Object.entries(sections)) {
    const services = (set.services[name] = emptyMap<Record<string, string>>());
    for (const [id, property] of Object.entries(section.properties)) {
      if (property.subProperties) services[id] = property.subProperties;
      else set.warnings.push({ file: property.origin.file, line: property.origin.line, message: `setting '${property.key}' in [services ${name}] is ignored: a services section holds '<service> =' lines followed by indented settings` });
    }
  }
}
