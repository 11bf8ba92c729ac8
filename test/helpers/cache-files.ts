// The cache file names the AWS CLI gives the fixtures the integration tests use, as fixed
// vectors: each was computed once by botocore 1.43 itself (AssumeRoleCredentialFetcher,
// AssumeRoleWithWebIdentityCredentialFetcher, SSOCredentialFetcher and SSOTokenLoader
// `_create_cache_key` / `_generate_cache_key`) and written here, so a test never asks the code
// under test what name to expect. The unit vectors of the key functions themselves are in
// test/cache/cli-cache-key.test.ts.
export const CACHE_KEYS = {
  /** AssumeRole of arn:aws:iam::111122223333:role/Dev, nothing else configured. */
  assumeRoleDev: '2e4e5ba8d705dd3fb0679e7eb5f0b624fb18a363',
  /** AssumeRole of arn:aws:iam::111122223333:role/Admin with ExternalId "ext", DurationSeconds 7200. */
  assumeRoleAdminExt7200: 'efae0791818c6c2e8b7d5523b09a11e67877ff78',
  /** AssumeRoleWithWebIdentity of arn:aws:iam::111122223333:role/Web, no session name configured. */
  webIdentityWeb: 'd8c7139e325e075d118020ee8fe84cbcd18c887e',
  /** SSO role credentials: account 111111111111, role ReadOnly, sso-session corp. */
  ssoRoleReadOnlyCorp: 'e83cab308910340ce11a566ebf0b9e96b40f6c39',
  /** SSO role credentials: account 111111111111, role ReadOnly, sso-session elsewhere. */
  ssoRoleReadOnlyElsewhere: 'dcc4f9461ca11d47c3be944b143ce7b18b948195',
  /** The SSO token file of sso-session corp (sha1 of the session name). */
  ssoTokenCorp: 'ee0bfd2552fbd840c02cc48b6e823320543c450f',
  /** awsctl's own MFA session entry for keys AKIAUSER and device arn:aws:iam::123456789012:mfa/me: sha1("AKIAUSER:arn:…:mfa/me"). */
  mfaSessionUser: 'awsctl-session-4e9fd40c1773ebeb5e69923ae2d5059c2d47bcc0',
} as const;
