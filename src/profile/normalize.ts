// Parsed files → ProfileSet, following the cross-SDK profile-file specification (smithy-rs
// normalize.rs):
// - config: `[profile x]`, `[default]`, `[sso-session x]`, `[services x]`, other `[type x]`;
//   a bare `[x]` other than `[default]` is ignored; if any `[profile default]` exists, every
//   bare `[default]` is ignored, wherever it appears;
// - credentials: only bare `[x]`; any prefixed section is ignored. Kotlin makes
//   `[sso-session x]` in the credentials file a hard error; we follow smithy-rs and the AWS CLI
//   (ignore it, with a warning), because one stray section should not break every command;
// - names: botocore's rule, since awsctl answers as the AWS CLI does (issue 14). In the config
//   file the header after `profile`/`sso-session`/`services` is split as Python's shlex.split
//   does and a name is read when there are exactly two words (`[profile "my profile"]` is
//   "my profile", `[profile dév-日本]` is "dév-日本"; `[profile a b]` is ignored); in the
//   credentials file the name is the header as written. Names are matched byte for byte (no
//   Unicode normalization). A name outside letters, digits and `- / . % @ _ : +` is ignored by
//   the SDKs that follow the profile-file rules (Rust, Kotlin), so it carries a `portability`
//   warning, shown by `profiles` and `explain` rather than on every command;
// - duplicate sections merge, the last value of a key wins, keys are case-insensitive, and
//   credentials-file values win over config-file values;
// - values are the ones the SDKs compute: continuation lines joined with "\n", a sub-property
//   block kept both as the raw smithy-rs string ("\nk = v\nk2 = v2") and as a map.
// Lazily, because this runs on every start-up for files of any size: scan-file.ts checks every
// line of a file and finds its sections and every warning, keeping only the headers and where the
// lines below each one are; a section's settings are read from those lines the first time
// something looks at it. `awsctl process` in a config of 10,000 profiles reads the one or two it
// uses; `profiles`, which shows them all, reads them all. The maps behave as plain objects.
import { isValidIdentifier, isValidIdentifierAt } from '../ini/syntax.ts';
import { scanLines, serializeIni, startState, type LineScan } from '../ini/parse.ts';
import type { IniDocument } from '../ini/types.ts';
import { emptyMap } from './model.ts';
import type { FileKind, ProfileSet, ProfileWarning, PropertyValue, Section } from './model.ts';
import { headerText, scanFile, type FileScan, type Header } from './scan-file.ts';
import { assertNoSyntaxErrors } from './syntax-errors.ts';
import { splitPosix } from '../text/credential-process-split.ts';

interface ProfilePaths {
  config: string;
  credentials: string;
}

/** Sections the AWS CLI keeps in the config file for itself; skipped without a warning. */
const CLI_OWN_SECTIONS = new Set(['plugins', 'preview']);

type Placement =
  /** portable: false when only botocore reads the name (see the top of the file). */
  | { to: 'profile' | 'sso-session' | 'services'; name: string; portable?: false }
  | { to: 'other'; type: string; name: string }
  | { to: 'ignored'; why: string | undefined };

/**
 * The sections found for one map (profiles, sso-sessions, one other type), not yet read. Each
 * section is a chain of spans (its headers, in file order, config first), numbered across both
 * files: kept as numbers, so a file of 10,000 sections costs a few arrays, not 10,000 objects.
 */
interface SpanChains {
  /** Name → its first span (lazyMap then keeps the section read there in its place). */
  first: Map<string, number | Section>;
  last: Map<string, number>;
}

interface Spans {
  scans: FileScan[];
  /** Span id → file (index in scans) and header index there; next span of the same section or -1. */
  fileOf: number[];
  headerOf: number[];
  next: number[];
}

/** Throws AwsctlError (file:line) when either file has a line the SDKs reject. */
export function normalize(configDoc: IniDocument | undefined, credentialsDoc: IniDocument | undefined, paths: ProfilePaths): ProfileSet {
  return normalizeText(configDoc && serializeIni(configDoc), credentialsDoc && serializeIni(credentialsDoc), paths);
}

/** The same from the files' text (what the loader has): nothing but the headers is kept yet. */
export function normalizeText(configText: string | undefined, credentialsText: string | undefined, paths: ProfilePaths): ProfileSet {
  const scans: FileScan[] = [];
  if (configText !== undefined) scans.push(scanFile(configText, 'config', paths.config));
  if (credentialsText !== undefined) scans.push(scanFile(credentialsText, 'credentials', paths.credentials));
  for (const scan of scans) assertNoSyntaxErrors(scan.errors, scan.kind, scan.file);
  const spans: Spans = { scans, fileOf: [], headerOf: [], next: [] };
  const chains = { profiles: newChains(), ssoSessions: newChains(), other: new Map<string, SpanChains>() };
  const warnings: ProfileWarning[] = [];
  for (const [fileIndex, scan] of scans.entries()) placeSections(spans, chains, warnings, scan, fileIndex);
  const set: ProfileSet = {
    profiles: lazyMap(chains.profiles, spans),
    ssoSessions: lazyMap(chains.ssoSessions, spans),
    services: emptyMap(),
    otherSections: emptyMap(),
    warnings,
  };
  for (const [type, sections] of chains.other) set.otherSections![type] = lazyMap(sections, spans);
  buildServices(set);
  return set;
}

const newChains = (): SpanChains => ({ first: new Map(), last: new Map() });

/** Decides where each header goes (or that it is ignored, and why), in file order. */
function placeSections(
  spans: Spans,
  chains: { profiles: SpanChains; ssoSessions: SpanChains; other: Map<string, SpanChains> },
  warnings: ProfileWarning[],
  scan: FileScan,
  fileIndex: number,
): void {
  const { kind, file, headers } = scan;
  const skipBareDefault = kind === 'config' && headers.some((h) => h.prefix === 'profile' && h.name === 'default');
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    const placement = place(header, scan.text, kind, skipBareDefault);
    if (placement.to === 'ignored') {
      if (placement.why) warnings.push({ file, line: header.line, message: `section [${headerText(scan.text, header)}] is ignored: ${placement.why}` });
      continue;
    }
    if ('portable' in placement) {
      warnings.push({
        file,
        line: header.line,
        portability: true,
        message: `${placement.to === 'profile' ? 'profile' : placement.to} name '${placement.name}' is read by the AWS CLI (botocore) and awsctl, but some AWS SDKs ignore it (the Rust and Kotlin SDKs do); a name of letters, digits and - / . % @ _ : + works everywhere`,
      });
    }
    const lineWarnings = scan.lineWarnings.get(i);
    if (lineWarnings) warnings.push(...lineWarnings);
    let target: SpanChains;
    if (placement.to === 'profile') target = chains.profiles;
    else if (placement.to === 'sso-session') target = chains.ssoSessions;
    else {
      const type = placement.to === 'other' ? placement.type : 'services';
      target = chains.other.get(type) ?? newChains();
      chains.other.set(type, target);
    }
    const id = spans.fileOf.length;
    spans.fileOf.push(fileIndex);
    spans.headerOf.push(i);
    spans.next.push(-1);
    const last = target.last.get(placement.name);
    if (last === undefined) target.first.set(placement.name, id);
    else spans.next[last] = id;
    target.last.set(placement.name, id);
  }
}

/**
 * A map whose entries read their section on first access (and keep it), in the shape of a plain
 * object: a Proxy whose entries live in a Map of name → section, or → the section's first span
 * while unread, so building it costs nothing per section. Keys come in file order, as an
 * object's would (integer-like names first); writing, adding and deleting work as on an object.
 */
function lazyMap(chains: SpanChains, spans: Spans): Record<string, Section> {
  const entries: Map<string, number | Section> = chains.first;
  const lookup = (key: string): Section | undefined => {
    const entry = entries.get(key);
    if (typeof entry !== 'number') return entry;
    const section = readSection(key, entry, spans);
    entries.set(key, section); // in place: the key keeps its position
    return section;
  };
  const own = (key: string | symbol): key is string => typeof key === 'string' && entries.has(key);
  return new Proxy(emptyMap<Section>(), {
    get: (target, key, receiver) => (own(key) ? lookup(key) : Reflect.get(target, key, receiver)),
    has: (target, key) => own(key) || Reflect.has(target, key),
    ownKeys: () => objectKeyOrder([...entries.keys()]),
    // An accessor, so that Object.keys (which asks every key's descriptor) reads no section.
    getOwnPropertyDescriptor: (_target, key) =>
      own(key) ? { get: () => lookup(key), set: (value: Section) => void entries.set(key, value), enumerable: true, configurable: true } : undefined,
    set: (_target, key, value: Section) => {
      if (typeof key !== 'string') return false;
      entries.set(key, value);
      return true;
    },
    defineProperty: (_target, key, descriptor) => {
      if (typeof key !== 'string' || !('value' in descriptor)) return false;
      entries.set(key, descriptor.value as Section);
      return true;
    },
    deleteProperty: (_target, key) => (typeof key === 'string' ? (entries.delete(key), true) : true),
  });
}

/** Integer-like keys ascending, then the others in the order given: how objects order their keys. */
function objectKeyOrder(keys: string[]): string[] {
  const isIndex = (key: string): boolean => {
    const first = key.charCodeAt(0);
    return first >= 48 && first <= 57 && /^(0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
  };
  if (!keys.some(isIndex)) return keys;
  return [...keys.filter(isIndex).sort((x, y) => Number(x) - Number(y)), ...keys.filter((key) => !isIndex(key))];
}

/**
 * Reads a section's settings from its lines (all its headers, in file order, config file first):
 * the last value of a key wins, keys are case-insensitive. Lines the scan warned about are skipped.
 */
function readSection(name: string, firstSpan: number, spans: Spans): Section {
  const origin = (id: number) => {
    const scan = spans.scans[spans.fileOf[id]!]!;
    return { scan, header: scan.headers[spans.headerOf[id]!]!, index: spans.headerOf[id]! };
  };
  const first = origin(firstSpan);
  const section: Section = { name, properties: emptyMap(), origin: { kind: first.scan.kind, file: first.scan.file, line: first.header.line }, declaredIn: [] };
  for (let id = firstSpan; id !== -1; id = spans.next[id]!) {
    const { scan, header, index } = origin(id);
    const { text, kind, file } = scan;
    if (!section.declaredIn!.includes(kind)) section.declaredIn!.push(kind);
    /** The property indented lines extend; undefined after an ignored one. */
    let property: PropertyValue | undefined;
    scanLines(text, scan.bodyFrom[index]!, scan.bodyTo[index]!, header.line + 1, startState(true, scan.next), (line: LineScan) => {
      switch (line.kind) {
        case 'property': {
          property = undefined;
          if (!isValidIdentifierAt(text, line.keyStart, line.keyEnd)) break;
          const key = text.slice(line.keyStart, line.keyEnd);
          property = { key, value: text.slice(line.valueStart, line.valueEnd), origin: { kind, file, line: line.line } };
          const lower = key.toLowerCase();
          const replaced = section.properties[lower];
          if (replaced && replaced.origin.kind === 'config' && kind === 'credentials') (section.shadowed ??= emptyMap())[lower] = replaced;
          section.properties[lower] = property;
          break;
        }
        case 'continuation':
          if (property) property.value += '\n' + text.slice(line.innerStart, line.innerEnd);
          break;
        case 'subproperty': {
          if (!property) break;
          property.value += '\n' + text.slice(line.innerStart, line.innerEnd);
          const subProperties = (property.subProperties ??= emptyMap());
          if (isValidIdentifierAt(text, line.keyStart, line.keyEnd))
            subProperties[text.slice(line.keyStart, line.keyEnd).toLowerCase()] = text.slice(line.valueStart, line.valueEnd);
          break;
        }
        default:
          break;
      }
    });
  }
  return section;
}

function place(header: Header, text: string, kind: FileKind, skipBareDefault: boolean): Placement {
  const placement = kind === 'config' ? placeInConfig(header, skipBareDefault) : placeInCredentials(header, text);
  if (placement.to !== 'ignored' && isValidIdentifier(placement.name)) return placement;
  const name = botocoreName(header, text, kind);
  if (name === undefined || name === '') return placement.to === 'ignored' ? placement : { to: 'ignored', why: invalidNameReason(header.name) };
  const type = kind === 'credentials' ? undefined : header.prefix;
  if (type === 'profile' || type === undefined) return { to: 'profile', name, portable: false };
  if (type === 'sso-session' || type === 'services') return { to: type, name, portable: false };
  return placement;
}

/**
 * The name botocore reads for a header whose name is not a plain one: in the config file
 * shlex.split of the header, kept when it gives exactly `<type> <name>`; in the credentials
 * file the header text itself (configparser's section name). undefined: botocore ignores it.
 */
function botocoreName(header: Header, text: string, kind: FileKind): string | undefined {
  const inner = text.slice(header.innerStart, header.innerEnd);
  if (kind === 'credentials') return header.prefix === 'profile' || header.prefix === 'sso-session' || header.prefix === 'services' ? undefined : inner;
  if (header.prefix !== 'profile' && header.prefix !== 'sso-session' && header.prefix !== 'services') return undefined;
  try {
    const words = splitPosix(inner);
    return words.length === 2 ? words[1] : undefined;
  } catch {
    return undefined; // an unterminated quote: shlex raises, botocore skips the section
  }
}

function placeInConfig(header: Header, skipBareDefault: boolean): Placement {
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

function placeInCredentials(header: Header, text: string): Placement {
  if (header.prefix === undefined) return { to: 'profile', name: header.name };
  if (header.prefix === 'profile') return { to: 'ignored', why: `in the credentials file a profile is written [${header.name}], without 'profile'` };
  if (header.prefix === 'sso-session' || header.prefix === 'services') return { to: 'ignored', why: `[${header.prefix}] sections belong in the config file` };
  return { to: 'ignored', why: invalidNameReason(headerText(text, header)) };
}

function invalidNameReason(name: string): string {
  const unquoted = name.replace(/^"(.*)"$/s, '$1');
  const suggestion = unquoted.replace(/[^A-Za-z0-9_\-/.%@:+]+/g, '-').replace(/^-+|-+$/g, '') || 'a-valid-name';
  if (unquoted !== name) {
    return `quoted names are read by the AWS CLI but ignored by the AWS SDKs, so awsctl ignores them too; name it ${suggestion}`;
  }
  return `'${name}' is not a valid name (use letters, digits and - / . % @ _ : +), e.g. ${suggestion}`;
}

/** `[services x]` sections as service id → sub-settings; plain `key = value` lines there mean nothing. */
function buildServices(set: ProfileSet): void {
  const sections = set.otherSections?.['services'];
  if (!sections) return;
  for (const [name, section] of Object.entries(sections)) {
    const services = (set.services[name] = emptyMap<Record<string, string>>());
    for (const [id, property] of Object.entries(section.properties)) {
      if (property.subProperties) services[id] = property.subProperties;
      else
        set.warnings.push({
          file: property.origin.file,
          line: property.origin.line,
          message: `setting '${property.key}' in [services ${name}] is ignored: a services section holds '<service> =' lines followed by indented settings`,
        });
    }
  }
}
