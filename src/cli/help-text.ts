// Examples shown under each command's --help (and in the man page), for the four everyday
// uses: shell exports, credential_process, whoami, and role chains.
const EXAMPLES: Record<string, string[]> = {
  env: [
    'eval "$(awsctl env --profile dev)"            # bash, zsh, sh',
    'awsctl env --profile dev --format fish | source',
    'awsctl env --profile dev --format powershell | Invoke-Expression',
    'eval "$(awsctl env --unset)"                  # clear them again',
  ],
  process: [
    '# in ~/.aws/config:',
    '[profile app]',
    'credential_process = awsctl process --profile base',
  ],
  whoami: ['awsctl whoami --profile prod', 'awsctl whoami --json'],
  exec: ['awsctl exec --profile prod -- aws s3 ls', 'awsctl exec -- terraform plan'],
  assume: [
    'awsctl assume prod-admin                      # a profile with role_arn',
    'eval "$(awsctl assume arn:aws:iam::123456789012:role/Deploy)"',
    'awsctl assume --profile base OrgAccess Admin -- aws sts get-caller-identity',
  ],
  explain: ['awsctl explain --profile prod', 'awsctl explain --profile prod --json'],
  profiles: ['awsctl profiles', 'awsctl profiles --json'],
  login: ['awsctl login --profile dev', 'awsctl login --sso-session my-org --use-device-code'],
  populate: ['awsctl sso populate --sso-session my-org --dry-run', 'awsctl sso populate --sso-session my-org --prefix org- --prune'],
  'configure-set': [
    'awsctl configure set region eu-west-1 --profile dev',
    'awsctl configure set aws_secret_access_key --profile dev   # asks, hidden',
    'awsctl configure set s3.max_concurrent_requests 20',
    'awsctl configure set sso-session.my-org.sso_region us-east-1',
  ],
  'keys-add': [
    'awsctl keys add --profile me                      # asks for the key id and the secret (hidden)',
    'pass show aws/me | awsctl keys add --profile me --store file   # key id and secret as two lines',
  ],
  'keys-rotate': [
    'awsctl keys rotate --profile me                   # new key in, old key deleted; says what it left if a step fails',
  ],
  'keys-import': [
    'awsctl keys import --profile me                   # out of ~/.aws/credentials, into the OS keyring',
    'AWSCTL_FILE_STORE_PASSPHRASE=… awsctl keys import --profile ci --store file',
  ],
};

export function examples(command: string): string {
  const lines = EXAMPLES[command];
  return lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : '';
}

export function exampleLines(command: string): string[] {
  return EXAMPLES[command] ?? [];
}
