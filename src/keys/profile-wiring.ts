// Pure profile-file edits for stored keys, built on the lossless ini editors (only the lines that
// must change do): wire a profile to the store, take it off again, and take keys out of a file.
import { assertReadsBack } from '../ini/edit-core.ts';
import { setProperty, unsetProperty } from '../ini/edit.ts';
import { removeSection } from '../ini/edit-sections.ts';
import { findSections, groupsForKey } from '../ini/sections.ts';
import type { IniDocument } from '../ini/types.ts';
import { KEY_STORE_SETTING, storedKeysCredentialProcess, type KeyStoreName } from '../plan/stored-keys-settings.ts';
import { profileRef } from '../profile/profile-edits.ts';
import type { FileKind } from '../profile/model.ts';

const KEY_SETTINGS = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'] as const;

/** `credential_process = awsctl process --profile X` + `awsctl_key_store = <store>` in the config file. */
export function wireStoredKeys(doc: IniDocument, profile: string, store: KeyStoreName): IniDocument {
  const ref = profileRef('config', profile);
  return setProperty(setProperty(doc, ref, 'credential_process', storedKeysCredentialProcess(profile)), ref, KEY_STORE_SETTING, store);
}

/** Takes the wiring out again (the credential_process only when it is awsctl's own line). */
export function unwireStoredKeys(doc: IniDocument, profile: string): IniDocument {
  const ref = profileRef('config', profile);
  let result = unsetProperty(doc, ref, KEY_STORE_SETTING);
  if (valueIn(result, 'config', profile, 'credential_process') === storedKeysCredentialProcess(profile))
    result = unsetProperty(result, ref, 'credential_process');
  return result;
}

/** The last value of `key` in the profile's sections of this file (as the SDKs read it). */
export function valueIn(doc: IniDocument | undefined, kind: FileKind, profile: string, key: string): string | undefined {
  if (!doc) return undefined;
  return (
    groupsForKey(doc, findSections(doc, profileRef(kind, profile)), key)
      .at(-1)
      ?.property.value.trim() || undefined
  );
}

/**
 * Removes every key line of the profile from this file. A credentials-file section left with
 * nothing but blank lines goes too (it held only the keys); comments and other settings stay.
 */
export function dropKeys(doc: IniDocument, kind: FileKind, profile: string): IniDocument {
  const ref = profileRef(kind, profile);
  let result = doc;
  for (const key of KEY_SETTINGS) result = unsetProperty(result, ref, key);
  for (const key of KEY_SETTINGS) assertReadsBack(valueIn(result, kind, profile, key) === undefined, `removing ${key}`);
  if (
    kind === 'credentials' &&
    findSections(result, ref).every((span) => result.lines.slice(span.start + 1, span.end).every((line) => line.kind === 'blank'))
  ) {
    result = removeSection(result, ref);
  }
  return result;
}
