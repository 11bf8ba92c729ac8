// `configure list`: each setting of the selected profile with its effective value and where
// that value came from — a flag, an environment variable, or file:line. Pure. Secrets are
// masked here, before anything can print them.
import { selectProfile } from './select-profile.ts';
import type { Env } from '../io/context.ts';
import { envValue } from './locations.ts';
import type { ProfileSet, PropertyValue, Section } from './model.ts';
import { isSecretKey } from './settings-keys.ts';

type SettingSource = 'flag' | 'env' | 'config-file' | 'credentials-file' | 'default' | 'not-set';

interface SettingRow {
  name: string;
  /** Masked for secrets; null when not set. */
  value: string | null;
  source: SettingSource;
  /** `--profile`, `AWS_REGION`, `/home/me/.aws/config:12`; null for defaults and unset rows. */
  location: string | null;
}

interface ListInput {
  set: ProfileSet;
  env: Env;
  profileFlag?: string | undefined;
  regionFlag?: string | undefined;
}

/** `****************ABCD` as the AWS CLI shows keys; short values are hidden entirely. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `${'*'.repeat(16)}${value.slice(-4)}` : '*'.repeat(16);
}

function fromFile(name: string, property: PropertyValue, value = property.value): SettingRow {
  const shown = isSecretKey(property.key) ? maskSecret(value) : value;
  return {
    name,
    value: shown,
    source: property.origin.kind === 'config' ? 'config-file' : 'credentials-file',
    location: `${property.origin.file}:${property.origin.line}`,
  };
}

const notSet = (name: string): SettingRow => ({ name, value: null, source: 'not-set', location: null });

function profileRow(input: ListInput): SettingRow {
  const selected = selectProfile(input.profileFlag, input.env);
  if (selected.origin === 'flag') return { name: 'profile', value: selected.name, source: 'flag', location: '--profile' };
  if (selected.origin === 'default') return { name: 'profile', value: 'default', source: 'default', location: null };
  return { name: 'profile', value: selected.name, source: 'env', location: selected.origin };
}

/** Environment first (each variable on its own), then the profile. */
function envOrFile(input: ListInput, section: Section | undefined, name: string, variables: string[], key: string): SettingRow {
  for (const variable of variables) {
    const value = envValue(input.env, variable);
    if (value !== undefined) return { name, value: isSecretKey(key) ? maskSecret(value) : value, source: 'env', location: variable };
  }
  const property = section?.properties[key];
  return property && property.value.trim() !== '' ? fromFile(name, property) : notSet(name);
}

const LISTED_FIRST = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'region']);

export function listProfileSettings(input: ListInput): SettingRow[] {
  const profile = profileRow(input);
  const section = input.set.profiles[profile.value ?? 'default'];
  const region = input.regionFlag?.trim()
    ? { name: 'region', value: input.regionFlag.trim(), source: 'flag' as const, location: '--region' }
    : envOrFile(input, section, 'region', ['AWS_REGION', 'AWS_DEFAULT_REGION'], 'region');
  const rows = [
    profile,
    envOrFile(input, section, 'access_key', ['AWS_ACCESS_KEY_ID'], 'aws_access_key_id'),
    envOrFile(input, section, 'secret_key', ['AWS_SECRET_ACCESS_KEY'], 'aws_secret_access_key'),
  ];
  const token = envOrFile(input, section, 'session_token', ['AWS_SESSION_TOKEN'], 'aws_session_token');
  if (token.source !== 'not-set') rows.push(token);
  rows.push(region);
  return [...rows, ...otherSettings(section)];
}

/** The profile's remaining settings in file order (config before credentials), sub-settings as `key.sub`. */
function otherSettings(section: Section | undefined): SettingRow[] {
  if (!section) return [];
  const properties = Object.entries(section.properties)
    .filter(([lower]) => !LISTED_FIRST.has(lower))
    .map(([, property]) => property)
    .sort((a, b) => (a.origin.kind === b.origin.kind ? a.origin.line - b.origin.line : a.origin.kind === 'config' ? -1 : 1));
  return properties.flatMap((property) => {
    if (!property.subProperties) return [fromFile(property.key, property)];
    return Object.entries(property.subProperties).map(([sub, value]) => fromFile(`${property.key}.${sub}`, property, value));
  });
}
