// Secrets scan: every command, with --debug, against the fakes, with distinctive secret values
// everywhere a secret can come from (keys, session tokens, SSO access/refresh tokens, the client
// secret, an MFA code, a web identity token, the container authorization token, the IMDS session
// token). Afterwards stdout, stderr and every file written under HOME are searched for them.
// Allowed: the intended payload on stdout (env/process/assume print credentials), the credentials
// file, and the two cache folders (~/.aws/cli/cache, ~/.aws/sso/cache), where the AWS CLI keeps
// them too. Commands still a placeholder ("not implemented yet") are skipped with that reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFiles } from '../helpers/cli.ts';
import { startRig, type Rig } from './rig.ts';
import { BASE_KEY } from '../helpers/fixtures.ts';

const S = {
  mfaCode: '864209',
  webIdentityToken: 'eyJhbGciOiJIUzI1NiJ9.hostile-web-identity-payload.c2lnbmF0dXJlLWhvc3RpbGU',
  containerAuth: 'hostile-container-authorization-7Qx9',
  ssoAccess: 'hostile-sso-access-token-Zp4w',
  ssoRefresh: 'hostile-sso-refresh-token-Kd8s',
  ssoClientSecret: 'hostile-sso-client-secret-Vb2m',
  processSecret: 'hostile-process-secret-Jr5t',
  processToken: 'hostile-process-session-token-Ue1n',
  truncatedSecret: 'hostile-truncated-secret-Ny3c',
};

/** Every secret shape: fixed values plus what the fakes issue (fake-secret-1, portal-token-2, …). */
const SECRET_PATTERNS: RegExp[] = [
  ...[BASE_KEY.secret, ...Object.values(S)].map((v) => new RegExp(escapeRegExp(v))),
  /fake-secret-\d+/,
  /fake-session-token-\d+/,
  /container-secret-\d+/,
  /container-token-\d+/,
  /imds-secret-\d+/,
  /imds-token-\d+/,
  /fake-imds-session-\d+/,
  /portal-secret-\d+/,
  /portal-token-\d+/,
  /fake-access-token-\d+/,
  /fake-refresh-token-\d+/,
  // Console sign-in tokens: a login URL carrying one signs in whoever opens it.
  /fake-signin-token-\d+/,
];
// The MFA code is six digits: searched only as a whole word, so ports and timestamps do not match.
SECRET_PATTERNS[Object.keys(S).indexOf('mfaCode') + 1] = new RegExp(`(?<!\\d)${S.mfaCode}(?!\\d)`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function hits(text: string): string[] {
  return SECRET_PATTERNS.filter((p) => p.test(text)).map((p) => p.source);
}

const SSO_CACHE = 'ee0bfd2552fbd840c02cc48b6e823320543c450f'; // sha1("corp")
// The key pair sits in the credentials file: botocore (and so the AWS CLI and awsctl) reads a
// pair from one file only, and refuses an access key id in the config file with the secret in
// the credentials file (PartialCredentialsError).
const CONFIG = (r: Rig) => `[profile base]
region = eu-west-1

[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
region = eu-west-2

[profile dev2]
role_arn = arn:aws:iam::111122223333:role/Dev2
source_profile = base

[profile mfa]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::123456789012:mfa/me

[profile wi]
role_arn = arn:aws:iam::111122223333:role/Web
web_identity_token_file = ${join(r.home, 'inputs', 'token.jwt')}

[profile proc]
credential_process = "${process.execPath}" "${join(r.home, 'inputs', 'helper.mjs')}"

[profile proc-fails]
credential_process = "${process.execPath}" "${join(r.home, 'inputs', 'fails.mjs')}"

[profile cont]
role_arn = arn:aws:iam::111122223333:role/FromContainer
credential_source = EcsContainer

[profile s]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

function inputs(r: Rig): Record<string, string> {
  return {
    '.aws/config': CONFIG(r),
    '.aws/credentials': `[base]\naws_access_key_id = ${BASE_KEY.id}\naws_secret_access_key = ${BASE_KEY.secret}\n`,
    'inputs/token.jwt': S.webIdentityToken,
    // A browser that follows nothing: it asks the one-time address once and leaves.
    'inputs/browser.mjs': `await fetch(process.argv[2], { redirect: 'manual' });`,
    'inputs/helper.mjs': `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS000000001', SecretAccessKey: ${JSON.stringify(S.processSecret)}, SessionToken: ${JSON.stringify(S.processToken)}, Expiration: '2099-01-01T00:00:00Z' }))`,
    // A helper that prints credentials and then fails: its stdout must never be shown.
    'inputs/fails.mjs': `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: ${JSON.stringify(S.processSecret)} }).slice(0, 60)); process.exit(2)`,
    [`.aws/sso/cache/${SSO_CACHE}.json`]: JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
      accessToken: S.ssoAccess,
      expiresAt: '2099-01-01T00:00:00Z',
      refreshToken: S.ssoRefresh,
      clientId: 'hostile-client-id',
      clientSecret: S.ssoClientSecret,
      registrationExpiresAt: '2099-01-01T00:00:00Z',
    }),
  };
}

interface Command {
  args: string[];
  /** stdout carries credentials by design. */
  payload?: boolean;
  env?: (r: Rig) => Record<string, string | undefined>;
  setup?: (r: Rig) => void;
  /** Exit code expected; default 0. */
  exit?: number;
}

const containerEnv = (r: Rig) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${r.aws.container.url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: S.containerAuth });
const imdsEnv = (r: Rig) => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: r.aws.imds.url });
const ssoEnv = (r: Rig) => ({ AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url, AWS_ENDPOINT_URL_SSO_OIDC: r.aws.ssoOidc.url });
const signinEnv = (r: Rig) => ({ AWS_ENDPOINT_URL_SIGNIN: r.aws.federation.url });

const COMMANDS: Command[] = [
  ...['sh', 'fish', 'powershell', 'cmd', 'dotenv', 'json'].map((format) => ({ args: ['env', '--profile', 'dev', '--format', format], payload: true })),
  { args: ['env', '--profile', 'dev', '--unset'] },
  { args: ['env', '--profile', 'base'], payload: true },
  { args: ['process', '--profile', 'dev'], payload: true },
  { args: ['process', '--profile', 'mfa', '--token-code', S.mfaCode], payload: true },
  { args: ['process', '--profile', 'wi'], payload: true },
  { args: ['process', '--profile', 'proc'], payload: true },
  { args: ['process', '--profile', 'proc-fails'], exit: 1 },
  { args: ['process', '--profile', 'cont'], payload: true, env: containerEnv },
  { args: ['env', '--format', 'json'], payload: true, env: containerEnv },
  { args: ['env', '--format', 'json'], payload: true, env: imdsEnv },
  { args: ['process', '--profile', 's'], payload: true, env: ssoEnv },
  { args: ['whoami', '--profile', 'dev'] },
  { args: ['whoami', '--profile', 'mfa', '--json', '--token-code', S.mfaCode] },
  { args: ['whoami', '--profile', 's'], env: ssoEnv },
  { args: ['exec', '--profile', 'dev', '--', process.execPath, '-e', 'process.exit(process.env.AWS_SECRET_ACCESS_KEY ? 0 : 9)'] },
  { args: ['explain', '--profile', 'mfa'] },
  { args: ['explain', '--profile', 'dev', '--json'] },
  { args: ['profiles'] },
  { args: ['profiles', '--json'] },
  { args: ['configure', 'list', '--profile', 'base'] },
  { args: ['configure', 'list', '--profile', 'base', '--json'] },
  { args: ['configure', 'get', 'region', '--profile', 'dev'] },
  { args: ['configure', 'list-profiles'] },
  { args: ['configure', 'set', 'region', 'ap-south-1', '--profile', 'dev'] },
  { args: ['--profile', 'base', 'assume', 'dev'], payload: true },
  {
    args: [
      '--profile',
      'base',
      'assume',
      'arn:aws:iam::111122223333:role/Other',
      '--mfa-serial',
      'arn:aws:iam::123456789012:mfa/me',
      '--token-code',
      S.mfaCode,
      '--format',
      'json',
    ],
    payload: true,
  },
  { args: ['console', '--profile', 'dev', '--print', '--duration', '3600'], payload: true, env: signinEnv },
  { args: ['console', '--profile', 'base', '--print', '--policy-arn', 'arn:aws:iam::aws:policy/ReadOnlyAccess'], payload: true, env: signinEnv },
  { args: ['console', '--profile', 'mfa', '--print', '--token-code', S.mfaCode, '--logout-first'], payload: true, env: signinEnv },
  { args: ['console', '--profile', 's', '--print', '--federate'], payload: true, env: (r) => ({ ...ssoEnv(r), ...signinEnv(r) }) },
  { args: ['console', '--profile', 's', '--print', '--service', 'ec2'], env: ssoEnv },
  // Opened in a browser: nothing on stdout, and the token only behind the one-time redirect.
  {
    args: ['console', '--profile', 'dev', '--service', 's3'],
    env: (r) => ({ ...signinEnv(r), BROWSER: `${process.execPath} ${join(r.home, 'inputs', 'browser.mjs')}` }),
  },
  {
    args: ['console', '--profile', 'dev', '--print', '--service', 'iam'],
    exit: 1,
    env: signinEnv,
    setup: (r) => r.aws.federation.script({ kind: 'reply', status: 400, body: 'refused' }),
  },
  { args: ['sso', 'accounts', '--profile', 's'], env: ssoEnv },
  { args: ['sso', 'accounts', '--profile', 's', '--json'], env: ssoEnv },
  // Failures: an STS answer cut off in the middle of a secret, and a container answer cut off
  // in the middle of a token, must not be quoted back.
  {
    args: ['process', '--profile', 'dev2'],
    exit: 1,
    setup: (r) =>
      r.aws.sts.script({
        kind: 'reply',
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>${S.truncatedSecret}`,
      }),
  },
  {
    args: ['process'],
    exit: 1,
    env: containerEnv,
    setup: (r) =>
      r.aws.container.script({
        kind: 'reply',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: `{"Token":"${S.truncatedSecret}","SecretAccessKey":"${S.truncatedSecret}`,
      }),
  },
  { args: ['cache', 'clear'] },
  // Last, as they leave the cache folders open to others: refusing them says why, never what is in them.
  { args: ['process', '--profile', 'dev'], payload: true, setup: (r) => chmodSync(join(r.home, '.aws', 'cli', 'cache'), 0o777) },
  { args: ['process', '--profile', 's'], exit: 1, env: ssoEnv, setup: (r) => chmodSync(join(r.home, '.aws', 'sso', 'cache'), 0o777) },
];

/** Commands that resolve credentials narrate under --debug; the rest may have nothing to say. */
function resolves(command: Command): boolean {
  return command.payload === true || ['whoami', 'exec', 'sso', 'console'].includes(command.args[0]!) || command.exit === 1;
}

/** Files written under HOME, minus the inputs and the places secrets legitimately live. */
function writtenFiles(home: string): string[] {
  const allowed = ['.aws/credentials', '.aws/cli/cache/', '.aws/sso/cache/', 'inputs/'];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const rel = relative(home, full);
      if (statSync(full).isDirectory()) walk(full);
      else if (!allowed.some((a) => rel === a || rel.startsWith(a))) out.push(full);
    }
  };
  walk(home);
  return out;
}

test('secrets scan: no secret in stderr, debug, files or non-payload stdout', async (t) => {
  const r = await startRig();
  try {
    writeFiles(r.home, inputs(r));
    chmodSync(join(r.home, '.aws', 'credentials'), 0o600);
    r.aws.container.expectedAuthorization = S.containerAuth;
    r.aws.ssoOidc.accessTokens.add(S.ssoAccess);
    let ran = 0;
    for (const command of COMMANDS) {
      const label = command.args.join(' ');
      command.setup?.(r);
      const result = await r.run(['--debug', ...command.args], { env: command.env?.(r) ?? {}, timeoutMs: 20_000 });
      if (/not implemented yet/.test(result.stderr)) {
        await t.test(label, (sub) => sub.skip(`${command.args[0]}: not implemented yet`));
        continue;
      }
      ran++;
      await t.test(label, () => {
        assert.equal(result.code, command.exit ?? 0, `exit code of ${label}\n${result.stderr}`);
        if (resolves(command)) assert.ok(result.stderr.includes('[debug'), `--debug narrates ${label}`);
        assert.deepEqual(hits(result.stderr), [], `secrets on stderr of ${label}:\n${result.stderr}`);
        if (command.payload) assert.notDeepEqual(hits(result.stdout), [], `${label} prints the credentials it was asked for`);
        else assert.deepEqual(hits(result.stdout), [], `secrets on stdout of ${label}:\n${result.stdout}`);
      });
    }
    const files = writtenFiles(r.home);
    await t.test(`files written under HOME (${files.length})`, () => {
      assert.ok(
        files.some((f) => f.endsWith('.aws/config')),
        'the config file is scanned',
      );
      for (const file of files) assert.deepEqual(hits(readFileSync(file, 'latin1')), [], `secrets in ${relative(r.home, file)}`);
    });
    t.diagnostic(`${ran} of ${COMMANDS.length} commands ran with --debug; ${files.length} files scanned`);
  } finally {
    await r.close();
  }
});
