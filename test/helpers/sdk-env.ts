// The AWS SDK for JavaScript v3 reads its settings from process.env, so tests that judge awsctl
// with it in-process swap those variables for the length of one call and put them back after.

/** The variables that decide what the SDK's default providers read. */
export const SDK_VARIABLES = [
  'HOME',
  'PATH',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ENDPOINT_URL_STS',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWSCTL_FILE_STORE_PASSPHRASE',
];

/** Runs `fn` with SDK_VARIABLES set to `values` (absent ones unset); restores them afterwards. */
export async function withSdkEnv<T>(values: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map(SDK_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of SDK_VARIABLES) delete process.env[name];
  for (const name of SDK_VARIABLES) if (values[name] !== undefined) process.env[name] = values[name];
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
