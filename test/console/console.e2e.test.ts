// `awsctl console` end to end: the built CLI against the fake STS, SSO portal and federation
// endpoint (reached through AWS_ENDPOINT_URL_SIGNIN or a [services] signin entry). The forms
// checked here are those of "Enable custom identity broker access to the AWS console" (IAM User
// Guide) and "Create shortcut links to AWS Management Console destinations" (IAM Identity
// Center User Guide); see urls.test.ts for the page addresses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand, cleanEnv, writeFiles } from '../helpers/cli.ts';
import { e2eRig, type E2eRig } from '../e2e/setup.ts';
import { BASE_KEY, ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';

const CONFIG = `${STATIC_BASE}
[profile chain]
role_arn = arn:aws:iam::444455556666:role/Chained
source_profile = dev
region = eu-central-1

[profile s]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[profile via-services]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
services = local

[services local]
signin =
  endpoint_url = SIGNIN_URL

[profile cn-role]
role_arn = arn:aws-cn:iam::111122223333:role/Dev
source_profile = base

[profile cn-sso]
sso_start_url = https://d-1234567890.awsapps.cn/start
sso_region = cn-north-1
sso_account_id = 222222222222
sso_role_name = Ops

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

async function rig(): Promise<E2eRig & { console(args: string[], env?: Record<string, string | undefined>): ReturnType<E2eRig['run']> }> {
  const r = await e2eRig('');
  writeFiles(r.home, { '.aws/config': CONFIG.replace('SIGNIN_URL', r.aws.federation.url) });
  return Object.assign(r, {
    console: (args: string[], env: Record<string, string | undefined> = {}) =>
      r.run(['console', ...args], { AWS_ENDPOINT_URL_SIGNIN: r.aws.federation.url, AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url, ...env }),
  });
}

function loginFields(stdout: string, signinUrl: string): Record<string, string> {
  const lines = stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `stdout is the URL alone: ${stdout}`);
  const url = new URL(lines[0]!);
  assert.equal(`${url.origin}${url.pathname}`, `${signinUrl}/federation`);
  return Object.fromEntries(url.searchParams);
}

test('a role assumed with long-term keys: POST getSigninToken with the session in the body and SessionDuration; the login URL', async () => {
  const r = await rig();
  try {
    const result = await r.console(['--profile', 'dev', '--print', '--duration', '7200', '--service', 'ec2']);
    assert.equal(result.code, 0, result.stderr);
    const [call, ...more] = r.aws.federation.calls;
    assert.equal(more.length, 0);
    assert.equal(call!.method, 'POST');
    assert.equal(call!.in, 'body', 'the session travels in the form body');
    assert.match(call!.contentType ?? '', /^application\/x-www-form-urlencoded/);
    assert.deepEqual(r.aws.federation.requests[0]!.query, {}, 'nothing in the query string');
    assert.equal(call!.sessionDuration, '7200');
    const assumed = r.aws.sts.calls.find((c) => c.action === 'AssumeRole')!;
    assert.equal(assumed.signedWith, BASE_KEY.id);
    assert.deepEqual(Object.keys(call!.session!), ['sessionId', 'sessionKey', 'sessionToken']);
    assert.equal(call!.session!.sessionId, 'ASIAFAKE000000000001');
    assert.equal(call!.session!.sessionKey, 'fake-secret-1');
    assert.equal(call!.session!.sessionToken, 'fake-session-token-1');
    const fields = loginFields(result.stdout, r.aws.federation.url);
    assert.deepEqual(Object.keys(fields), ['Action', 'Issuer', 'Destination', 'SigninToken']);
    assert.equal(fields.Action, 'login');
    assert.equal(fields.Issuer, 'awsctl');
    assert.equal(fields.Destination, 'https://eu-west-2.console.aws.amazon.com/ec2/home?region=eu-west-2');
    assert.equal(fields.SigninToken, r.aws.federation.issued[0]);
    assert.doesNotMatch(result.stderr, /warning: this URL/, 'stdout is not a terminal: no warning');
  } finally {
    await r.close();
  }
});

test('a chained role: SessionDuration is left out, and stderr says so', async () => {
  const r = await rig();
  try {
    const result = await r.console(['--profile', 'chain', '--print', '--duration', '7200']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(r.aws.sts.calls.filter((c) => c.action === 'AssumeRole').length, 2);
    assert.equal(r.aws.federation.calls.length, 1);
    assert.equal(r.aws.federation.calls[0]!.sessionDuration, undefined);
    assert.match(result.stderr, /note: SessionDuration left out: .*role chaining/);
    assert.equal(loginFields(result.stdout, r.aws.federation.url).Destination, 'https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1');
  } finally {
    await r.close();
  }
});

test('IAM user keys: GetFederationToken signed with the keys, with an allow-all session policy; never SessionDuration', async () => {
  const r = await rig();
  try {
    const result = await r.console(['--profile', 'base', '--print', '--duration', '86400', '--service', 'iam']);
    assert.equal(result.code, 0, result.stderr);
    const calls = r.aws.sts.calls;
    assert.deepEqual(
      calls.map((c) => c.action),
      ['GetFederationToken'],
    );
    assert.equal(calls[0]!.signedWith, BASE_KEY.id);
    assert.equal(calls[0]!.signatureValid, true);
    assert.equal(calls[0]!.params.Name, 'awsctl-base');
    assert.equal(calls[0]!.params.DurationSeconds, '86400');
    assert.deepEqual(JSON.parse(calls[0]!.params.Policy!), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const [call] = r.aws.federation.calls;
    assert.equal(call!.sessionDuration, undefined, 'SessionDuration must not be sent with GetFederationToken credentials');
    assert.ok(r.aws.sts.federationTokenKeys.has(call!.session!.sessionId!), 'the federation token credentials were sent');
    assert.equal(loginFields(result.stdout, r.aws.federation.url).Destination, 'https://console.aws.amazon.com/iam/home');
  } finally {
    await r.close();
  }
});

test('IAM user keys with --policy-arn: managed session policies instead of the default', async () => {
  const r = await rig();
  try {
    const result = await r.console([
      '--profile',
      'base',
      '--print',
      '--policy-arn',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      '--policy-arn',
      'arn:aws:iam::123456789012:policy/Extra',
    ]);
    assert.equal(result.code, 0, result.stderr);
    const params = r.aws.sts.calls[0]!.params;
    assert.equal(params.Policy, undefined);
    assert.equal(params['PolicyArns.member.1.arn'], 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    assert.equal(params['PolicyArns.member.2.arn'], 'arn:aws:iam::123456789012:policy/Extra');
    assert.equal(params.DurationSeconds, undefined, 'AWS default (12 h) when --duration is not given');
  } finally {
    await r.close();
  }
});

test('an IAM Identity Center profile: the portal shortcut, with no network call at all', async () => {
  const r = await rig();
  try {
    const plain = await r.console(['--profile', 's', '--print']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, 'https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=ReadOnly\n');
    const withService = await r.console(['--profile', 's', '--print', '--service', 'lambda', '--duration', '3600']);
    assert.equal(withService.code, 0, withService.stderr);
    assert.equal(
      withService.stdout,
      `https://corp.awsapps.com/start/#/console?account_id=111111111111&role_name=ReadOnly&destination=${encodeURIComponent('https://us-east-1.console.aws.amazon.com/lambda/home?region=us-east-1')}\n`,
    );
    assert.match(withService.stderr, /note: --duration has no effect on an IAM Identity Center shortcut/);
    const otherPartition = await r.console(['--profile', 's', '--print', '--region', 'cn-north-1']);
    assert.equal(otherPartition.code, 2);
    assert.match(otherPartition.stderr, /access portal of profile s is in partition aws \(sso_region us-east-1\) but the console asked for is in aws-cn/);
    assert.equal(r.aws.federation.requests.length + r.aws.sts.requests.length + r.aws.ssoPortal.requests.length, 0);
  } finally {
    await r.close();
  }
});

test('an IAM Identity Center profile with --federate: the role credentials go through federation', async () => {
  const r = await rig();
  try {
    const sha1 = createHash('sha1').update('corp').digest('hex');
    writeFiles(r.home, {
      [`.aws/sso/cache/${sha1}.json`]: JSON.stringify({
        startUrl: 'https://corp.awsapps.com/start',
        region: 'us-east-1',
        accessToken: 'console-test-access-token',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    });
    r.aws.ssoPortal.accessTokens.add('console-test-access-token');
    const result = await r.console(['--profile', 's', '--print', '--federate', '--duration', '7200']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(r.aws.federation.calls.length, 1);
    assert.match(r.aws.federation.calls[0]!.session!.sessionKey ?? '', /^portal-secret-/);
    assert.equal(r.aws.federation.calls[0]!.sessionDuration, undefined);
    assert.match(result.stderr, /note: SessionDuration left out/);
    assert.equal(loginFields(result.stdout, r.aws.federation.url).Destination, 'https://us-east-1.console.aws.amazon.com/console/home?region=us-east-1');
  } finally {
    await r.close();
  }
});

test('the sign-in endpoint from a [services] signin entry; --region sets the console region; --logout-first', async () => {
  const r = await rig();
  try {
    const result = await r.console(['--profile', 'via-services', '--print', '--region', 'ap-southeast-2', '--logout-first'], {
      AWS_ENDPOINT_URL_SIGNIN: undefined,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(r.aws.federation.calls.length, 1, 'the [services] endpoint was used');
    const url = new URL(result.stdout.trim());
    assert.equal(`${url.origin}${url.pathname}`, `${r.aws.federation.url}/oauth`);
    assert.equal(url.searchParams.get('Action'), 'logout');
    const login = new URL(url.searchParams.get('redirect_uri')!);
    assert.equal(login.searchParams.get('Destination'), 'https://ap-southeast-2.console.aws.amazon.com/console/home?region=ap-southeast-2');
    assert.equal(login.searchParams.get('SigninToken'), r.aws.federation.issued[0]);
  } finally {
    await r.close();
  }
});

test('bad input is refused before any credential is used', async () => {
  const r = await rig();
  try {
    const cases: Array<[string[], RegExp]> = [
      [['--destination', 'https://console.aws.amazon.com.evil.example/'], /is not an AWS console address/],
      [['--service', 'ec2', '--destination', 'https://console.aws.amazon.com/'], /cannot be used together/],
      [['--duration', '10'], /out of range/],
      [['--duration', 'soon'], /not a whole number/],
      [['--region', 'us-iso-east-1'], /no console federation endpoint/],
      [['--policy', '{not json'], /--policy is not JSON/],
      [['--policy-arn', 'ReadOnlyAccess'], /not a managed policy ARN/],
      [['--region', 'cn-north-1', '--destination', 'https://console.aws.amazon.com/'], /partition aws but region cn-north-1/],
    ];
    for (const [args, message] of cases) {
      const result = await r.console(['--profile', 'dev', '--print', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
    }
    assert.equal(r.aws.sts.requests.length + r.aws.federation.requests.length, 0);
  } finally {
    await r.close();
  }
});

test('a federation endpoint that refuses: one line naming the status, never its body or the session', async () => {
  const r = await rig();
  try {
    r.aws.federation.script({ kind: 'reply', status: 400, body: 'echo: fake-secret-1 fake-session-token-1' });
    const result = await r.console(['--profile', 'dev', '--print', '--debug']);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /awsctl: console sign-in: the federation endpoint .* answered HTTP 400/);
    assert.doesNotMatch(result.stderr, /fake-secret|fake-session-token/);
    assert.equal(result.stdout, '');
  } finally {
    await r.close();
  }
});

test('opening the browser: the browser gets a one-time loopback address, never the sign-in token', async () => {
  const r = await rig();
  try {
    const out = join(r.home, 'browser.json');
    writeFiles(r.home, {
      'browser.mjs': `import { writeFileSync } from 'node:fs';
const url = process.argv[2];
const first = await fetch(url, { redirect: 'manual' });
let again;
try { again = (await fetch(url, { redirect: 'manual' })).status; } catch { again = 'refused'; }
writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), status: first.status, location: first.headers.get('location'), again }));
`,
    });
    const result = await r.console(['--profile', 'dev', '--service', 's3'], { BROWSER: `${process.execPath} ${join(r.home, 'browser.mjs')}` });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', 'nothing on stdout');
    assert.match(result.stderr, /Opening the AWS console in your browser…\nThe browser took the sign-in link; the console session lasts until \d{4}-/);
    for (let i = 0; i < 100 && !existsSync(out); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const seen = JSON.parse(readFileSync(out, 'utf8')) as { argv: string[]; status: number; location: string; again: number | string };
    assert.match(seen.argv.join(' '), /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{48}$/);
    assert.doesNotMatch(seen.argv.join(' '), /fake-signin-token|SigninToken/);
    assert.equal(seen.status, 302);
    const login = new URL(seen.location);
    assert.equal(login.searchParams.get('SigninToken'), r.aws.federation.issued[0]);
    assert.equal(login.searchParams.get('Destination'), 'https://console.aws.amazon.com/s3/home');
    assert.notEqual(seen.again, 302, 'the address works once');
  } finally {
    await r.close();
  }
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('--print to a terminal warns on stderr that the URL is a bearer credential', {
  skip: hasScript() ? false : 'needs script(1) from util-linux for a pty',
}, async () => {
  const r = await rig();
  try {
    const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
    const err = join(r.home, 'stderr.txt');
    const command = [...awsctlCommand, 'console', '--profile', 'dev', '--print', '--duration', '3600'].map(quote).join(' ');
    // script(1) gives the command a pty as stdout; stderr goes to a file.
    const env = cleanEnv(r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_ENDPOINT_URL_SIGNIN: r.aws.federation.url, AWS_EC2_METADATA_DISABLED: 'true' });
    // Asynchronously: the fake servers answer from this very process.
    const ran = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn('script', ['-qec', `${command} 2>${quote(err)}`, '/dev/null'], { env, cwd: r.home, stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout });
      });
    });
    assert.equal(ran.status, 0, ran.stdout);
    assert.match(ran.stdout, /Action=login&Issuer=awsctl/);
    assert.match(
      readFileSync(err, 'utf8'),
      /warning: this URL signs in to the AWS console for anyone who opens it within 15 minutes, and the console session it opens lasts until \d{4}-\d\d-\d\dT[\d:]+Z; treat it as a password/,
    );
  } finally {
    await r.close();
  }
});

test("with no region configured, the partition comes from the role ARN or the portal's sso_region", async () => {
  const r = await rig();
  try {
    const role = await r.console(['--profile', 'cn-role', '--print', '--service', 'ec2']);
    assert.equal(role.code, 0, role.stderr);
    assert.equal(loginFields(role.stdout, r.aws.federation.url).Destination, 'https://console.amazonaws.cn/ec2/home');
    const sso = await r.console(['--profile', 'cn-sso', '--print', '--service', 'iam']);
    assert.equal(sso.code, 0, sso.stderr);
    assert.equal(
      sso.stdout,
      `https://d-1234567890.awsapps.cn/start/#/console?account_id=222222222222&role_name=Ops&destination=${encodeURIComponent('https://console.amazonaws.cn/iam/home')}\n`,
    );
  } finally {
    await r.close();
  }
});
