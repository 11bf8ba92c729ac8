// Generated profile/environment combinations for the botocore differential test: static keys in
// either file (and half-written), credential_process, role chains (source_profile, self
// reference, credential_source), web identity from the environment and from profiles, SSO
// settings, the default profile written both ways, comments (indented too) and CRLF files.
// Deterministic: a seeded generator, so a failing case number always means the same case.

export interface DiffCase {
  config: string;
  credentials: string;
  env: Record<string, string>;
  flag?: string;
}

/** mulberry32: small, fast, good enough to spread cases. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROFILE_NAMES = ['default', 'dev', 'ops', 'my profile', 'dév-日本'] as const;
const TAGS: Record<string, string> = { default: 'DEF', dev: 'DEV', ops: 'OPS', 'my profile': 'QUO', 'dév-日本': 'UNI' };

/** The config-file header: a name with a space is quoted, as botocore (shlex) reads it. */
function configHeader(name: string): string {
  return name.includes(' ') ? `[profile "${name}"]` : `[profile ${name}]`;
}

export function processCommand(marker: string): string {
  return `printf '{"Version": 1, "AccessKeyId": "${marker}", "SecretAccessKey": "s"}'`;
}

export function markerOfProcess(command: string): string | undefined {
  return /"AccessKeyId": "(\w+)"/.exec(command)?.[1];
}

export function generateCases(count: number, seed = 14): DiffCase[] {
  const random = generator(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cases: DiffCase[] = [];
  for (let n = 0; n < count; n++) {
    const names = PROFILE_NAMES.filter(() => chance(0.7));
    if (names.length === 0) names.push(pick(PROFILE_NAMES));
    const config: string[] = [];
    const credentials: string[] = [];
    let usesSession = false;
    for (const name of names) {
      const tag = TAGS[name]!;
      const inConfig: string[] = [];
      const inCredentials: string[] = [];
      const keys = pick(['none', 'none', 'credentials', 'config', 'both', 'access-only-credentials', 'secret-only-credentials', 'split'] as const);
      if (keys === 'credentials' || keys === 'both') inCredentials.push(`aws_access_key_id = AKIA${tag}CRED`, 'aws_secret_access_key = secret-c');
      if (keys === 'config' || keys === 'both') inConfig.push(`aws_access_key_id = AKIA${tag}CONF`, 'aws_secret_access_key = secret-f');
      if (keys === 'access-only-credentials') inCredentials.push(`aws_access_key_id = AKIA${tag}HALF`);
      if (keys === 'secret-only-credentials') inCredentials.push('aws_secret_access_key = secret-c');
      if (keys === 'split') inCredentials.push(`aws_access_key_id = AKIA${tag}SPLT`), inConfig.push('aws_secret_access_key = secret-f');
      if (chance(0.1)) (chance(0.5) ? inCredentials : inConfig).push('aws_session_token = token');
      if (chance(0.3)) (chance(0.8) ? inConfig : inCredentials).push(`credential_process = ${processCommand(`PROC${tag}`)}`);
      const role = pick(['none', 'none', 'none', 'source', 'source', 'self', 'env-source', 'source-alone'] as const);
      if (role === 'source' || role === 'self' || role === 'env-source') inConfig.push(`role_arn = arn:aws:iam::123456789012:role/${tag}`);
      if (role === 'source') inConfig.push(`source_profile = ${pick(PROFILE_NAMES)}`);
      if (role === 'self') inConfig.push(`source_profile = ${name}`);
      if (role === 'env-source' || role === 'source-alone') inConfig.push('credential_source = Environment');
      if (chance(0.15)) {
        inConfig.push(`web_identity_token_file = /tokens/${tag}`);
        if (role === 'none' && chance(0.8)) inConfig.push(`role_arn = arn:aws:iam::123456789012:role/WEB${tag}`);
      }
      if (chance(0.2)) {
        usesSession = true;
        inConfig.push('sso_session = corp');
        if (chance(0.8)) inConfig.push('sso_account_id = 111111111111', `sso_role_name = Role${tag}`);
      }
      if (chance(0.3)) inConfig.push(`region = ${pick(['us-east-1', 'eu-west-1'])}`);
      if (chance(0.2) && inConfig.length > 0)
        inConfig.splice(Math.floor(random() * inConfig.length) + 1, 0, pick(['  # an indented comment', '# a comment', '    ; old value', '']));
      if (inConfig.length > 0 || chance(0.3))
        config.push(name === 'default' ? (chance(0.3) ? '[profile default]' : '[default]') : configHeader(name), ...inConfig, '');
      if (inCredentials.length > 0) credentials.push(`[${name}]`, ...inCredentials, '');
    }
    if (usesSession) config.push('[sso-session corp]', 'sso_start_url = https://d-1234567890.awsapps.com/start', 'sso_region = us-east-1', '');
    const env: Record<string, string> = {};
    if (chance(0.25)) Object.assign(env, { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'secret-e' });
    // Names as written: a padded or empty AWS_PROFILE is its own (missing) profile, as in botocore.
    if (chance(0.3)) env.AWS_PROFILE = chance(0.85) ? pick(PROFILE_NAMES) : pick(['missing', ' dev ', '', 'dev ']);
    else if (chance(0.1)) env.AWS_DEFAULT_PROFILE = pick(PROFILE_NAMES);
    if (chance(0.2)) {
      env.AWS_WEB_IDENTITY_TOKEN_FILE = '/var/run/secrets/token';
      if (chance(0.85)) env.AWS_ROLE_ARN = 'arn:aws:iam::123456789012:role/Pod';
    }
    const item: DiffCase = { config: config.join('\n'), credentials: credentials.join('\n'), env };
    if (chance(0.2)) item.config = item.config.replaceAll('\n', '\r\n');
    if (chance(0.2)) item.credentials = item.credentials.replaceAll('\n', '\r\n');
    if (chance(0.25)) item.flag = pick(PROFILE_NAMES);
    cases.push(item);
  }
  return cases;
}
