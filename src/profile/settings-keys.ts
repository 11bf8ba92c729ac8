// What a `configure get/set/unset <key>` key addresses: which section of which file, which
// setting, and which sub-setting. Pure. The forms follow `aws configure set` and add the two
// section types awsctl knows:
//   region                         the selected profile's `region`
//   s3.max_concurrent_requests     sub-setting of the selected profile (`s3 =` + indented line)
//   default.region                 the default profile's `region` (AWS CLI form)
//   profile.NAME.key[.sub]         another profile (AWS CLI form; NAME cannot contain a dot)
//   sso-session.NAME.key           [sso-session NAME] (NAME may contain dots: the last part is the key)
//   services.NAME.svc.key          [services NAME], `svc =` block, sub-setting `key`
// Secrets (the three key settings of a profile) live in the credentials file, as the AWS CLI
// writes them; everything else lives in the config file.
import { usageError } from '../errors.ts';
import type { SectionType } from '../ini/sections.ts';

const SECRET_KEYS: ReadonlySet<string> = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token']);

export interface SettingAddress {
  type: SectionType;
  /** Section name: a profile, sso-session or services name. */
  name: string;
  key: string;
  subKey?: string;
  /** The name came from the key itself (not from --profile / AWS_PROFILE). */
  explicitSection: boolean;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** A secret setting of a profile (not a sub-setting): stored in the credentials file. */
export function belongsInCredentialsFile(address: SettingAddress): boolean {
  return address.type === 'profile' && address.subKey === undefined && isSecretKey(address.key);
}

function bad(key: string, why: string): Error {
  return usageError(`invalid setting name '${key}'`, why, 'see `awsctl configure set --help`');
}

function nonEmpty(key: string, parts: string[]): void {
  if (parts.some((p) => p === '')) throw bad(key, 'it has an empty part between dots');
}

/** Parses a configure key; `selectedProfile` is the profile used when the key names none. */
export function parseSettingKey(key: string, selectedProfile: string): SettingAddress {
  if (key.trim() === '') throw bad(key, 'it is empty');
  if (/[\r\n]/.test(key)) throw usageError('invalid setting name', 'it contains a line break, which would split the line in the file');
  const parts = key.split('.');
  nonEmpty(key, parts);
  const [first] = parts as [string, ...string[]];
  if (parts.length === 1) return { type: 'profile', name: selectedProfile, key, explicitSection: false };
  if (first === 'sso-session') {
    if (parts.length < 3) throw bad(key, 'use sso-session.NAME.key');
    return { type: 'sso-session', name: parts.slice(1, -1).join('.'), key: parts.at(-1) as string, explicitSection: true };
  }
  if (first === 'services') {
    if (parts.length < 4) throw bad(key, 'use services.NAME.service.key, e.g. services.local.sts.endpoint_url');
    return { type: 'services', name: parts.slice(1, -2).join('.'), key: parts.at(-2) as string, subKey: parts.at(-1) as string, explicitSection: true };
  }
  if (first === 'profile') {
    if (parts.length < 3 || parts.length > 4) throw bad(key, 'use profile.NAME.key or profile.NAME.key.subkey');
    return withSub({ type: 'profile', name: parts[1] as string, key: parts[2] as string, explicitSection: true }, parts[3]);
  }
  if (first === 'default') {
    if (parts.length > 3) throw bad(key, 'use default.key or default.key.subkey');
    return withSub({ type: 'profile', name: 'default', key: parts[1] as string, explicitSection: true }, parts[2]);
  }
  if (parts.length > 2) throw bad(key, 'a setting has at most one sub-setting level (key.subkey)');
  return { type: 'profile', name: selectedProfile, key: first, subKey: parts[1] as string, explicitSection: false };
}

function withSub(address: SettingAddress, subKey: string | undefined): SettingAddress {
  return subKey === undefined ? address : { ...address, subKey };
}

/** How people read the address back in messages: `region of profile dev`. */
export function describeAddress(address: SettingAddress): string {
  const setting = address.subKey === undefined ? address.key : `${address.key}.${address.subKey}`;
  const section = address.type === 'profile' ? `profile ${address.name}` : `[${address.type} ${address.name}]`;
  return `${setting} of ${section}`;
}
