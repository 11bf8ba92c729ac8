// The awsctl-specific profile settings of a stored-keys profile (`awsctl keys add/import`).
// The SDKs ignore settings they do not know, so a profile carrying them still works everywhere
// through its `credential_process = awsctl process --profile X`.

/** `keyring` or `file`: which store holds the profile's long-term keys. */
export const KEY_STORE_SETTING = 'awsctl_key_store';

/** Seconds for the sts:GetSessionToken session handed out instead of the keys (default: STS's, 12 h). */
export const SESSION_DURATION_SETTING = 'awsctl_session_duration';

/** `store`: keep the session in the key store beside the keys instead of ~/.aws/cli/cache (default `file`). */
export const SESSION_CACHE_SETTING = 'awsctl_session_cache';

export type KeyStoreName = 'keyring' | 'file';

export const KEY_STORE_NAMES: readonly KeyStoreName[] = ['keyring', 'file'];

/** The credential_process line that lets every SDK reach the stored keys through awsctl. */
export function storedKeysCredentialProcess(profile: string): string {
  // Profile names are checked by assertSectionName before this is written; a name with a space
  // would need quoting, which the AWS CLI's splitter honours.
  return /[\s"']/.test(profile) ? `awsctl process --profile "${profile}"` : `awsctl process --profile ${profile}`;
}
