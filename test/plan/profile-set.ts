// Builds a ProfileSet from plain JSON for tests, without the real parser (src/profile is
// another module's job). Origins point at a fake file with increasing line numbers.
import type { ProfileSet, Section } from '../../src/profile/model.ts';

export interface ProfileSetJson {
  profiles?: Record<string, Record<string, string>>;
  ssoSessions?: Record<string, Record<string, string>>;
  services?: ProfileSet['services'];
}

function section(name: string, values: Record<string, string>, file: string, line: { n: number }): Section {
  const properties: Section['properties'] = {};
  for (const [key, value] of Object.entries(values)) {
    line.n += 1;
    properties[key.toLowerCase()] = { key, value, origin: { kind: 'config', file, line: line.n } };
  }
  return { name, properties };
}

export function profileSet(json: ProfileSetJson = {}, file = '/home/test/.aws/config'): ProfileSet {
  const line = { n: 0 };
  const build = (input: Record<string, Record<string, string>> = {}) =>
    Object.fromEntries(Object.entries(input).map(([name, values]) => [name, section(name, values, file, line)]));
  return { profiles: build(json.profiles), ssoSessions: build(json.ssoSessions), services: json.services ?? {}, warnings: [] };
}

/** A config snippet with `[default]` / `[profile x]` / `[services x]` sections of `k = v` lines and
 *  indented sub-properties: only what the conformance data uses, not the real grammar. */
export function tinyConfig(text: string): ProfileSet {
  const json: Required<ProfileSetJson> = { profiles: {}, ssoSessions: {}, services: {} };
  let current: Record<string, string> | undefined;
  let services: Record<string, Record<string, string>> | undefined;
  let subKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const header = /^\[\s*(.+?)\s*\]/.exec(raw);
    if (header?.[1] !== undefined) {
      const name = header[1];
      current = undefined;
      services = undefined;
      if (name === 'default') current = json.profiles.default ??= {};
      else if (name.startsWith('profile ')) current = json.profiles[name.slice(8).trim()] ??= {};
      else if (name.startsWith('sso-session ')) current = json.ssoSessions[name.slice(12).trim()] ??= {};
      else if (name.startsWith('services ')) services = json.services[name.slice(9).trim()] ??= {};
      continue;
    }
    const property = /^(\s*)([^=]+?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!property) continue;
    const [, indent, key = '', value = ''] = property;
    if (services) {
      if (indent) services[subKey ?? '']![key] = value;
      else services[(subKey = key)] = {};
    } else if (current && !indent) current[key] = value;
  }
  return profileSet(json);
}
