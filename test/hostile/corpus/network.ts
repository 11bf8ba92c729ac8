// Endpoints that misbehave: the container endpoint's host rules, IMDS refusing tokens, redirects,
// STS and the SSO portal failing past the retry budget, resets, timeouts, endless and huge
// bodies, bad TLS, and bodies that are not what they claim. Each is one clear line, in bounded
// time, and never a retry storm.
import assert from 'node:assert/strict';
import { FAKE_CONTAINER_TOKEN, makeTestCertificates, startFakeSts, stsError, type Step } from '../../fake-aws/index.ts';
import type { Rig } from '../rig.ts';
import { BASE_PROFILE, ROLE_PROFILE } from '../../helpers/fixtures.ts';
import { missing } from '../../helpers/tools.ts';
import type { HostileCase } from './types.ts';

const FULL = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const container = (uri: string) => () => ({ [FULL]: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: FAKE_CONTAINER_TOKEN });
const fakeContainer = (r: Rig) => ({ [FULL]: `${r.aws.container.url}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: FAKE_CONTAINER_TOKEN });
const imds = (r: Rig) => ({ AWS_EC2_METADATA_DISABLED: undefined, AWS_EC2_METADATA_SERVICE_ENDPOINT: r.aws.imds.url });
const dev = { '.aws/config': ROLE_PROFILE };
const repeat = (step: Step, n: number): Step[] => Array.from({ length: n }, () => step);
const sts =
  (...steps: Step[]) =>
  (r: Rig) =>
    r.aws.sts.script(...steps);

const SSO =
  '[profile s]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n';
const ssoFiles = {
  '.aws/config': SSO,
  // sha1("corp"): the AWS CLI's cache file name for the session.
  '.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json': JSON.stringify({
    startUrl: 'https://corp.awsapps.com/start',
    region: 'us-east-1',
    accessToken: 'hostile-sso-access-token',
    expiresAt: '2099-01-01T00:00:00Z',
  }),
};
const portal = (r: Rig) => ({ AWS_ENDPOINT_URL_SSO: r.aws.ssoPortal.url, AWS_ENDPOINT_URL_SSO_OIDC: r.aws.ssoOidc.url });

export const networkCases: HostileCase[] = [
  // Container endpoint host rules.
  {
    name: 'container FULL_URI http://example.com is refused',
    args: ['env'],
    env: container('http://example.com/creds'),
    exit: 1,
    stderr: /AWS_CONTAINER_CREDENTIALS_FULL_URI.*(not a loopback address|could not resolve example\.com)/,
  },
  {
    name: 'container FULL_URI http to a private IP is refused',
    args: ['env'],
    env: container('http://10.1.2.3/creds'),
    exit: 1,
    stderr: /AWS_CONTAINER_CREDENTIALS_FULL_URI.*plain http is only allowed to a loopback address/,
  },
  {
    name: 'container FULL_URI file:// is refused',
    args: ['process'],
    env: container('file:///etc/passwd'),
    exit: 1,
    stderr: /AWS_CONTAINER_CREDENTIALS_FULL_URI.*only http and https/,
  },
  {
    name: 'container FULL_URI http://127.0.0.1 works',
    args: ['env', '--format', 'json'],
    env: fakeContainer,
    exit: 0,
    stderr: /^$/,
    stderrLines: 0,
    stdout: /"AWS_ACCESS_KEY_ID": ?"ASIACONT/,
  },
  {
    name: 'container FULL_URI http://169.254.170.23 is accepted (plan only)',
    args: ['explain'],
    env: container('http://169.254.170.23/v1/credentials'),
    exit: 0,
    stderr: /^$/,
    stderrLines: 0,
    stdout: /169\.254\.170\.23/,
  },
  {
    name: 'container FULL_URI https to any host is accepted (plan only)',
    args: ['explain'],
    env: container('https://creds.example.net/v1'),
    exit: 0,
    stderr: /^$/,
    stderrLines: 0,
    stdout: /https:\/\/creds\.example\.net\/v1/,
  },
  {
    name: 'container endpoint refuses the token',
    args: ['env'],
    env: (r) => ({ ...fakeContainer(r), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' }),
    exit: 1,
    stderr: /container.*(401|AccessDenied|authorize)/i,
  },
  {
    name: 'container endpoint redirects to another host',
    args: ['env'],
    env: fakeContainer,
    setup: (r) => r.aws.container.script({ kind: 'redirect', location: 'http://example.com/steal' }),
    exit: 1,
    stderr: /redirect.*never follows redirects/,
  },
  {
    name: 'container endpoint never answers',
    args: ['env'],
    env: fakeContainer,
    setup: (r) => r.aws.container.script(...repeat({ kind: 'hang' }, 5)),
    exit: 1,
    stderr:
      /container credentials \(AWS_CONTAINER_CREDENTIALS_FULL_URI\): GET http:\/\/127\.0\.0\.1:\d+\/v1\/credentials: timed out after 2000 ms \(gave up after 3 attempts\)/,
  },
  {
    name: 'container endpoint body never ends',
    args: ['env'],
    env: fakeContainer,
    setup: (r) => r.aws.container.script(...repeat({ kind: 'endless-body' }, 5)),
    exit: 1,
    stderr: /container credentials \(AWS_CONTAINER_CREDENTIALS_FULL_URI\): GET \S+: timed out after 2000 ms/,
  },
  {
    name: 'container endpoint answers invalid JSON',
    args: ['env'],
    env: fakeContainer,
    setup: (r) => r.aws.container.script({ kind: 'reply', status: 200, headers: { 'content-type': 'application/json' }, body: '{"AccessKeyId": "ASIA' }),
    exit: 1,
    stderr: /container.*(JSON|malformed)/i,
  },
  // IMDS.
  {
    name: 'IMDS answers 403 to the token request: no IMDSv1 fallback',
    args: ['env'],
    env: imds,
    setup: (r) => r.aws.imds.script(...repeat({ kind: 'reply', status: 403 }, 3)),
    exit: 1,
    stderr: /instance metadata.*(403|forbidden|disabled)/i,
    check: (r) =>
      assert.deepEqual(
        r.aws.imds.requests.filter((q) => q.method === 'GET'),
        [],
        'no GET after the token was refused',
      ),
  },
  {
    name: 'IMDS redirects the token request',
    args: ['env'],
    env: imds,
    setup: (r) => r.aws.imds.script({ kind: 'redirect', location: 'http://example.com/latest/api/token' }),
    exit: 1,
    stderr: /never follows redirects/,
  },
  {
    name: 'IMDS hangs past metadata_service_timeout',
    args: ['env'],
    env: (r) => ({ ...imds(r), AWS_METADATA_SERVICE_TIMEOUT: '1' }),
    setup: (r) => r.aws.imds.script(...repeat({ kind: 'hang' }, 5)),
    exit: 1,
    stderr: /instance metadata/,
  },
  {
    name: 'IMDS credentials are not JSON',
    args: ['env'],
    env: imds,
    setup: (r) =>
      r.aws.imds.script({
        step: { kind: 'reply', status: 200, body: '<html>captive portal</html>' },
        match: (q) => /security-credentials.*\/.+/.test(q.path) && !q.path.endsWith('/'),
      }),
    exit: 1,
    stderr: /imds:security-credentials failed: malformed response: not JSON: "<html>captive portal<\/html>"/,
  },
  // STS.
  {
    name: 'STS 500 past the retry budget',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts(...repeat({ kind: 'reply', ...stsError(500, 'InternalFailure', 'boom') }, 3)),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*InternalFailure.*gave up after 3 attempts/,
  },
  {
    name: 'STS 503 past the retry budget',
    args: ['process', '--profile', 'dev'],
    files: dev,
    setup: sts(...repeat({ kind: 'reply', status: 503, body: 'Service Unavailable' }, 3)),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*503.*gave up after 3 attempts/,
  },
  {
    name: 'STS 429 past the retry budget',
    args: ['process', '--profile', 'dev'],
    files: dev,
    setup: sts(...repeat({ kind: 'reply', status: 429, body: '' }, 3)),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*429.*gave up after 3 attempts/,
  },
  {
    name: 'STS Throttling past AWS_MAX_ATTEMPTS=2',
    args: ['env', '--profile', 'dev'],
    files: dev,
    env: () => ({ AWS_MAX_ATTEMPTS: '2' }),
    setup: sts(...repeat({ kind: 'reply', ...stsError(400, 'Throttling', 'Rate exceeded') }, 2)),
    exit: 1,
    stderr: /profile dev: .*Throttling: Rate exceeded \(gave up after 2 attempts\)/,
  },
  {
    name: 'STS resets the connection every time',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts(...repeat({ kind: 'reset' }, 3)),
    exit: 1,
    stderr: /profile dev: POST http:\/\/127\.0\.0\.1:\d+\/: connection reset .*\(gave up after 3 attempts\)/,
  },
  {
    name: 'STS never answers (one attempt, 10 s deadline)',
    args: ['env', '--profile', 'dev'],
    files: dev,
    env: () => ({ AWS_MAX_ATTEMPTS: '1' }),
    setup: sts({ kind: 'hang' }),
    exit: 1,
    stderr: /profile dev: POST http:\/\/127\.0\.0\.1:\d+\/: timed out after 10000 ms/,
  },
  {
    name: 'STS body never ends (one attempt)',
    args: ['env', '--profile', 'dev'],
    files: dev,
    env: () => ({ AWS_MAX_ATTEMPTS: '1' }),
    setup: sts({ kind: 'endless-body' }),
    exit: 1,
    stderr: /profile dev: POST http:\/\/127\.0\.0\.1:\d+\/: timed out after 10000 ms/,
  },
  {
    name: 'STS answers 2 MB',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({ kind: 'huge-body', bytes: 2 * 1024 * 1024 }),
    exit: 1,
    stderr: /profile dev: POST \S+: response body larger than 1048576 bytes; refusing to read more/,
  },
  {
    name: 'STS answers invalid XML',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({ kind: 'reply', status: 200, headers: { 'content-type': 'text/xml' }, body: '<AssumeRoleResponse><<<' }),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*malformed/,
  },
  {
    name: 'STS answers JSON',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({ kind: 'reply', status: 200, headers: { 'content-type': 'application/json' }, body: '{"Credentials":{"AccessKeyId":"A"}}' }),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*malformed/,
  },
  {
    name: 'STS Expiration that is not a date',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({
      kind: 'reply',
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>tomorrow</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>',
    }),
    exit: 1,
    stderr: /profile dev: sts:AssumeRole failed: .*(malformed|Expiration)/,
  },
  {
    name: 'STS redirects to another host',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({ kind: 'redirect', location: 'http://example.com/' }),
    exit: 1,
    stderr: /profile dev: .*never follows redirects/,
  },
  {
    name: 'STS over TLS with a certificate not in the CA bundle',
    args: ['env', '--profile', 'dev'],
    files: dev,
    skip: () => (makeTestCertificates() ? undefined : missing('openssl is not installed to make a test certificate (apt-get install openssl)')),
    setup: async (r) => {
      const certs = makeTestCertificates()!;
      const tls = await startFakeSts({ tls: { key: certs.serverKeyPem, cert: certs.serverCertPem } });
      r.defer(() => tls.close());
      (r as Rig & { tlsUrl?: string }).tlsUrl = tls.url;
    },
    env: (r) => ({ AWS_ENDPOINT_URL_STS: (r as Rig & { tlsUrl?: string }).tlsUrl }),
    exit: 1,
    stderr: /profile dev: .*(certificate|TLS)/i,
  },
  {
    name: 'whoami: GetCallerIdentity answers 403 AccessDenied',
    args: ['whoami', '--profile', 'base'],
    files: { '.aws/config': BASE_PROFILE },
    setup: sts({ kind: 'reply', ...stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.') }),
    exit: 1,
    stderr: /sts:GetCallerIdentity failed: InvalidClientTokenId/,
  },
  // SSO portal.
  {
    name: 'SSO portal answers invalid JSON',
    args: ['env', '--profile', 's'],
    files: ssoFiles,
    env: portal,
    setup: (r) => r.aws.ssoPortal.script({ kind: 'reply', status: 200, headers: { 'content-type': 'application/json' }, body: '{"roleCredentials":' }),
    exit: 1,
    stderr: /profile s: .*(malformed|JSON)/,
  },
  {
    name: 'SSO portal answers wrong types',
    args: ['env', '--profile', 's'],
    files: ssoFiles,
    env: portal,
    setup: (r) =>
      r.aws.ssoPortal.script({
        kind: 'reply',
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"roleCredentials":{"accessKeyId":1,"secretAccessKey":[],"sessionToken":null,"expiration":"soon"}}',
      }),
    exit: 1,
    stderr: /profile s: .*(malformed|accessKeyId)/,
  },
  {
    name: 'SSO portal rejects the cached token',
    args: ['env', '--profile', 's'],
    files: ssoFiles,
    env: portal,
    exit: 1,
    stderr: /profile s: .*(login|Unauthorized)/,
  },
  {
    name: 'SSO portal 500 past the retry budget',
    args: ['env', '--profile', 's'],
    files: ssoFiles,
    env: portal,
    setup: (r) => r.aws.ssoPortal.script(...repeat({ kind: 'reply', status: 500, body: '{}' }, 3)),
    exit: 1,
    stderr: /profile s: .*500.*gave up after 3 attempts/,
  },
  // Server text with escape sequences (title, clear screen, bidi override) is shown inert.
  {
    name: 'STS error message with escape sequences',
    args: ['env', '--profile', 'dev'],
    files: dev,
    setup: sts({ kind: 'reply', ...stsError(403, 'AccessDenied', 'no \x1b]0;pwned\x07\x1b[2J\u202eexe') }),
    exit: 1,
    stderr: /AccessDenied: no \\x1b\]0;pwned\\x07\\x1b\[2J\\u202eexe — /,
    check: (_r, result) => assert.doesNotMatch(result.stderr, /[\x1b\x07\u202e]/),
  },
];
