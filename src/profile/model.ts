// The normalized view of ~/.aws/config + ~/.aws/credentials that everything above the
// parser uses: profiles (config and credentials merged, credentials winning), sso-session
// sections, services sections. Pure data; built by profile/normalize.ts from the lossless
// syntax model in ini/.

export type FileKind = 'config' | 'credentials';

/** Where a value came from, for `configure list` and for errors that name file:line. */
export interface Origin {
  kind: FileKind;
  file: string;
  /** 1-based line of the property (or of the section header for sections). */
  line: number;
}

export interface PropertyValue {
  /** The key as written in the file (case kept); lookups use the lower-cased map key. */
  key: string;
  /** Trimmed value; for a sub-property block the raw form smithy-rs uses: "\nk = v\nk2 = v2". */
  value: string;
  /** Present when the property opens a sub-property block (`s3 =` + indented lines). */
  subProperties?: Record<string, string>;
  origin: Origin;
}

/** A named section's settings, keyed by lower-cased property name. */
export interface Section {
  name: string;
  properties: Record<string, PropertyValue>;
  /** Where the section was first declared (its header line). Absent in hand-built sets. */
  origin?: Origin;
  /** The files with a header for it, config first. Absent in hand-built sets. */
  declaredIn?: FileKind[];
  /**
   * Config-file values that a credentials-file value of the same key replaced in `properties`.
   * botocore reads static keys from each file separately (its shared-credentials provider, then
   * later its config-file provider), so the config file's own keys must stay reachable.
   */
  shadowed?: Record<string, PropertyValue>;
}

export interface ProfileWarning {
  file: string;
  line: number;
  message: string;
  /** A name only botocore reads: shown by `profiles` and `explain`, not on every command. */
  portability?: true;
}

export interface ProfileSet {
  /** Profile name (without the `profile ` prefix) → merged settings. */
  profiles: Record<string, Section>;
  ssoSessions: Record<string, Section>;
  /** services section name → service id (lower case) → sub-settings. */
  services: Record<string, Record<string, Record<string, string>>>;
  /**
   * Config-file sections other than profiles and sso-sessions, by type then name:
   * `services` (the same data as `services`, with origins) and unknown types (`[foobar name]`),
   * kept so nothing the file says is invisible. Absent in hand-built sets.
   */
  otherSections?: Record<string, Record<string, Section>>;
  /** Sections and lines the SDKs skip (invalid names, wrong prefixes); shown on stderr. */
  warnings: ProfileWarning[];
}

/**
 * The maps in a ProfileSet built by the normalizer inherit nothing (no Object.prototype above
 * them), so a profile called `constructor` or `__proto__` is just a name. Use this to build
 * compatible maps by hand. Their prototype is one shared, empty, frozen object rather than
 * null: V8 keeps null-prototype objects in dictionary mode (~3× the memory and time per map),
 * and a large config builds one map per section and per sub-property block at every start-up.
 */
export function emptyMap<T>(): Record<string, T> {
  return Object.create(MAP_ROOT) as Record<string, T>;
}

const MAP_ROOT: object = Object.freeze(Object.create(null));

/** Value of `key` (case-insensitive) in a section, or undefined. */
export function getValue(section: Section | undefined, key: string): string | undefined {
  return section?.properties[key.toLowerCase()]?.value;
}
