// Examples shown under each command's --help (and in the man page), for the four everyday
// uses: shell exports, credential_process, whoami, and role chains.
const EXAMPLES: Record<string, string[]> = {
  env: [
    'eval "$(awsctl env --profile dev)"            # bash, zsh, sh',
    'awsctl env --profile dev --format fish | source',
    'awsctl env --profile dev --format powershell | Invoke-Expression',
    'eval "$(awsctl env --unset)"                  # clear them again',
  ],
  process: ['# in ~/.aws/config:', '[profile app]', 'credential_process = awsctl process --profile base'],
  whoami: ['awsctl whoami --profile prod', 'awsctl whoami --json'],
  exec: [
    'awsctl exec --profile prod -- aws s3 ls',
    'awsctl exec -- terraform plan',
    'awsctl exec --server --profile prod -- terraform apply   # credentials refreshed while it runs',
    'awsctl exec --server --imds -- ./tool-that-only-knows-imds',
  ],
  serve: ['awsctl serve --profile dev                  # prints the variables to set elsewhere', 'awsctl serve --profile dev --imds --format fish'],
  assume: [
    'awsctl assume prod-admin                      # a profile with role_arn',
    'eval "$(awsctl assume arn:aws:iam::123456789012:role/Deploy)"',
    'awsctl assume --profile base OrgAccess Admin -- aws sts get-caller-identity',
  ],
  explain: [
    'awsctl explain --profile prod',
    'awsctl explain --profile prod --json',
    'awsctl explain --profile base OrgAccess Admin   # what `awsctl assume` would do',
  ],
  profiles: ['awsctl profiles', 'awsctl profiles --json'],
  console: [
    'awsctl console --profile prod                 # open the console home as prod',
    'awsctl console --profile prod --service s3',
    'awsctl console --profile dev --region eu-west-1 --service lambda',
    'awsctl console --profile prod --print         # the URL on stdout (it signs in whoever opens it)',
    'awsctl console --profile sso-dev --federate   # IAM Identity Center through federation, not the portal',
  ],
  login: [
    'awsctl login --profile dev',
    'awsctl login --sso-session my-org --use-device-code',
    'awsctl login --profile console --region eu-west-1',
    'awsctl login --profile console --remote',
  ],
  'sso-login': ['awsctl sso login --profile dev', 'awsctl sso login --sso-session my-org --use-device-code'],
  logout: ['awsctl logout --profile console', 'awsctl logout --all'],
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
  'keys-rotate': ['awsctl keys rotate --profile me                   # new key in, old key deleted; says what it left if a step fails'],
  'keys-import': [
    'awsctl keys import --profile me                   # out of ~/.aws/credentials, into the OS keyring',
    'AWSCTL_FILE_STORE_PASSPHRASE=… awsctl keys import --profile ci --store file',
  ],
};

// Notes printed before the examples (and in the man page): rules a person needs to predict what
// the command will do.
const NOTES: Record<string, string[]> = {
  login: [
    'Which sign-in:',
    '  IAM Identity Center  when the profile has sso_session or sso_* settings, or --sso-session is given,',
    '                       or no profile is named and the config has exactly one [sso-session]',
    '                       (the same as `awsctl sso login`)',
    '  console credentials  (`aws login`) when the profile has login_session or no credential settings',
    '                       yet; the profile then gets login_session (and region, if it had to be asked)',
    '  refused              when the profile has other credentials (keys, role_arn, credential_process,',
    '                       web identity): they would win over a login session',
  ],
};

export function noteLines(command: string): string[] {
  return NOTES[command] ?? [];
}

export function examples(command: string): string {
  const lines = EXAMPLES[command];
  const notes = NOTES[command] ? `\n${NOTES[command].join('\n')}\n` : '';
  return `${notes}${lines ? `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n` : ''}`;
}

export function exampleLines(command: string): string[] {
  return EXAMPLES[command] ?? [];
}
