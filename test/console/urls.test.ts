// The console URLs against the forms AWS documents. Each block names its page:
// - FEDERATION: "Enable custom identity broker access to the AWS console", IAM User Guide,
//   https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
//   (getSigninToken with Session = {"sessionId","sessionKey","sessionToken"} and optional
//   SessionDuration 900-43,200 s, never with GetFederationToken credentials; then
//   federation?Action=login&Issuer=…&Destination=…&SigninToken=…). Its docs.amazonaws.cn
//   edition uses https://signin.amazonaws.cn/federation.
// - GOVCLOUD: "AWS Identity and Access Management in AWS GovCloud (US)", AWS GovCloud (US) User
//   Guide, https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html
//   (the console sign-in is https://signin.amazonaws-us-gov.com).
// - GETFEDERATIONTOKEN: STS API Reference, API_GetFederationToken (DurationSeconds 900-129,600;
//   Name 2-32 of [\w+=,.@-]; without a session policy the session has no permissions).
// - SHORTCUT: "Create shortcut links to AWS Management Console destinations", IAM Identity Center
//   User Guide, https://docs.aws.amazon.com/singlesignon/latest/userguide/createshortcutlink.html
//   (<start URL>/#/console?account_id=…&role_name=…&destination=<URL-encoded console URL>).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { consoleDestination } from '../../src/console/destination.ts';
import { federationUrl, loginUrl, logoutFirstUrl, parseSigninToken, sessionJson, signinTokenRequestBody } from '../../src/console/federation.ts';
import { consoleHost, defaultSigninBase, partitionOfRegion } from '../../src/console/hosts.ts';
import { ALLOW_ALL_POLICY, consoleSessionKind, decideDuration, federatedUserName, sessionPolicy } from '../../src/console/session-rules.ts';
import { ssoShortcutUrl } from '../../src/console/sso-shortcut.ts';
import type { BaseSource, RoleHop } from '../../src/plan/types.ts';

const TEMP = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/with+plus', sessionToken: 'token=' };

test('FEDERATION: the session string has the three documented fields', () => {
  assert.deepEqual(JSON.parse(sessionJson(TEMP)), { sessionId: 'ASIAEXAMPLE', sessionKey: 'secret/with+plus', sessionToken: 'token=' });
  assert.throws(() => sessionJson({ accessKeyId: 'AKIA', secretAccessKey: 's' }), /temporary credentials/);
});

test('FEDERATION: getSigninToken form: Action and Session, SessionDuration only when given', () => {
  const without = new URLSearchParams(signinTokenRequestBody(TEMP));
  assert.equal(without.get('Action'), 'getSigninToken');
  assert.equal(without.get('SessionDuration'), null);
  assert.deepEqual(JSON.parse(without.get('Session')!), JSON.parse(sessionJson(TEMP)));
  assert.equal(new URLSearchParams(signinTokenRequestBody(TEMP, 1800)).get('SessionDuration'), '1800');
});

test('FEDERATION: the answer is {"SigninToken": …}', () => {
  assert.equal(parseSigninToken('{"SigninToken":"VCQgs5qZZt3Q6fn8Tr5EXAMPLE"}'), 'VCQgs5qZZt3Q6fn8Tr5EXAMPLE');
  for (const bad of ['', 'not json', '{}', '{"SigninToken":""}', '{"SigninToken":1}', 'null']) assert.equal(parseSigninToken(bad), undefined);
});

test('FEDERATION: the login URL is the federation endpoint with Action=login, Issuer, Destination, SigninToken', () => {
  const url = new URL(loginUrl('https://signin.aws.amazon.com', 'https://console.aws.amazon.com/s', 'VCQgs5+qZZ/t3='));
  assert.equal(`${url.origin}${url.pathname}`, 'https://signin.aws.amazon.com/federation');
  assert.deepEqual([...url.searchParams.keys()], ['Action', 'Issuer', 'Destination', 'SigninToken']);
  assert.equal(url.searchParams.get('Action'), 'login');
  assert.equal(url.searchParams.get('Issuer'), 'awsctl');
  assert.equal(url.searchParams.get('Destination'), 'https://console.aws.amazon.com/s');
  assert.equal(url.searchParams.get('SigninToken'), 'VCQgs5+qZZ/t3=', 'the token survives form encoding');
  // An endpoint override with a path prefix keeps it.
  assert.equal(federationUrl('http://127.0.0.1:8080/prefix/'), 'http://127.0.0.1:8080/prefix/federation');
});

test("the logout-first URL is the sign-in host's logout with the login URL as redirect_uri", () => {
  const login = loginUrl('https://signin.aws.amazon.com', 'https://console.aws.amazon.com/', 'T');
  const url = new URL(logoutFirstUrl('https://signin.aws.amazon.com', login));
  assert.equal(`${url.origin}${url.pathname}`, 'https://signin.aws.amazon.com/oauth');
  assert.equal(url.searchParams.get('Action'), 'logout');
  assert.equal(url.searchParams.get('redirect_uri'), login);
});

test('FEDERATION / GOVCLOUD: sign-in and console hosts of each partition', () => {
  const table: Array<[string | undefined, string, string]> = [
    [undefined, 'https://signin.aws.amazon.com', 'console.aws.amazon.com'],
    ['eu-west-1', 'https://signin.aws.amazon.com', 'console.aws.amazon.com'],
    ['me-central-1', 'https://signin.aws.amazon.com', 'console.aws.amazon.com'],
    ['cn-north-1', 'https://signin.amazonaws.cn', 'console.amazonaws.cn'],
    ['cn-northwest-1', 'https://signin.amazonaws.cn', 'console.amazonaws.cn'],
    ['us-gov-west-1', 'https://signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com'],
    ['us-gov-east-1', 'https://signin.amazonaws-us-gov.com', 'console.amazonaws-us-gov.com'],
  ];
  for (const [region, signin, console] of table) {
    const partition = partitionOfRegion(region);
    assert.equal(typeof partition, 'string', String(region));
    if (typeof partition !== 'string') continue;
    assert.equal(defaultSigninBase(partition), signin, String(region));
    assert.equal(consoleHost(partition), console, String(region));
  }
  for (const other of ['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'eusc-de-east-1'])
    assert.deepEqual(partitionOfRegion(other), { unsupported: other });
  assert.equal(partitionOfRegion('xx-future-1'), 'aws', 'unknown regions are aws, as in the SDKs');
});

test('destinations: console home, regional and global services, per partition', () => {
  const d = (partition: 'aws' | 'aws-cn' | 'aws-us-gov', region: string | undefined, service?: string) =>
    consoleDestination({ partition, ...(region ? { region } : {}), ...(service ? { service } : {}) });
  assert.equal(d('aws', undefined), 'https://console.aws.amazon.com/console/home');
  assert.equal(d('aws', 'eu-west-1'), 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
  assert.equal(d('aws', 'eu-west-1', 'ec2'), 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1');
  assert.equal(d('aws', 'eu-west-1', 'iam'), 'https://console.aws.amazon.com/iam/home', 'global services carry no region');
  assert.equal(d('aws', 'eu-west-1', 'S3'), 'https://console.aws.amazon.com/s3/home');
  assert.equal(d('aws', 'eu-west-1', 'logs'), 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:');
  assert.equal(d('aws', 'eu-west-1', 'appflow'), 'https://eu-west-1.console.aws.amazon.com/appflow/home?region=eu-west-1', 'other names open /<name>/home');
  assert.equal(d('aws-cn', 'cn-north-1', 'ec2'), 'https://cn-north-1.console.amazonaws.cn/ec2/home?region=cn-north-1');
  assert.equal(d('aws-cn', 'cn-north-1', 'iam'), 'https://console.amazonaws.cn/iam/home');
  assert.equal(d('aws-us-gov', 'us-gov-west-1', 'lambda'), 'https://us-gov-west-1.console.amazonaws-us-gov.com/lambda/home?region=us-gov-west-1');
  assert.throws(
    () => d('aws', undefined, 'ec2/../x'),
    (e: Error & { exitCode?: number }) => e.exitCode === 2,
  );
});

test('--destination must be an https AWS console address; --region sets its region', () => {
  const ok = (destination: string, region?: string) =>
    consoleDestination({ partition: 'aws', destination, ...(region ? { region, regionFromFlag: true } : {}) });
  assert.equal(ok('https://eu-west-1.console.aws.amazon.com/ec2/home#Instances:'), 'https://eu-west-1.console.aws.amazon.com/ec2/home#Instances:');
  assert.equal(ok('https://console.amazonaws.cn/s3/home'), 'https://console.amazonaws.cn/s3/home');
  assert.equal(ok('https://123456789012-abcd.eu-west-2.console.aws.amazon.com/x'), 'https://123456789012-abcd.eu-west-2.console.aws.amazon.com/x');
  assert.equal(ok('https://console.aws.amazon.com/ec2/home?region=us-east-1', 'eu-west-1'), 'https://console.aws.amazon.com/ec2/home?region=eu-west-1');
  for (const bad of [
    'http://console.aws.amazon.com/',
    'https://console.aws.amazon.com.evil.example/',
    'https://evilconsole.aws.amazon.com/',
    'https://console.aws.amazon.com@evil.example/',
    'https://user:pw@console.aws.amazon.com/',
    'https://console.aws.amazon.com:8443/',
    'https://signin.aws.amazon.com/federation',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.throws(
      () => ok(bad),
      (e: Error & { exitCode?: number }) => e.exitCode === 2,
      bad,
    );
  }
  assert.throws(() => consoleDestination({ partition: 'aws', service: 'ec2', destination: 'https://console.aws.amazon.com/' }), /cannot be used together/);
});

test('SHORTCUT: <start URL>/#/console?account_id=…&role_name=…&destination=…', () => {
  const url = ssoShortcutUrl({
    startUrl: 'https://d-1234567890.awsapps.com/start',
    accountId: '111122223333',
    roleName: 'Admin Access',
    destination: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1',
  });
  assert.equal(
    url,
    'https://d-1234567890.awsapps.com/start/#/console?account_id=111122223333&role_name=Admin%20Access&destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fec2%2Fhome%3Fregion%3Deu-west-1',
  );
  assert.equal(
    ssoShortcutUrl({ startUrl: 'https://my-org.awsapps.com/start/#', accountId: '111122223333', roleName: 'R' }),
    'https://my-org.awsapps.com/start/#/console?account_id=111122223333&role_name=R',
    "no destination: the permission set's relay state applies",
  );
  assert.equal(
    ssoShortcutUrl({ startUrl: 'https://my-org.awsapps.com/start/', accountId: '1', roleName: 'R' }),
    'https://my-org.awsapps.com/start/#/console?account_id=1&role_name=R',
  );
});

const keys = (sessionToken?: string) => ({ accessKeyId: 'AKIA', secretAccessKey: 's', ...(sessionToken ? { sessionToken } : {}) });
const hop = (profile: string): RoleHop => ({ roleArn: `arn:aws:iam::111122223333:role/${profile}`, profile });

test('session kinds: a role from long-term keys, a chained role, other temporary credentials, IAM user keys', () => {
  const staticBase: BaseSource = { kind: 'static', profile: 'base', keys: keys() };
  const tempBase: BaseSource = { kind: 'static', profile: 'base', keys: keys('t') };
  const sso: BaseSource = { kind: 'sso', profile: 's', startUrl: 'https://x/start', ssoRegion: 'us-east-1', accountId: '1', roleName: 'R' };
  assert.equal(consoleSessionKind({ base: staticBase, hops: [hop('dev')] }, true), 'role-from-long-term-keys');
  assert.equal(consoleSessionKind({ base: { kind: 'environment', keys: keys() }, hops: [hop('dev')] }, true), 'role-from-long-term-keys');
  assert.equal(consoleSessionKind({ base: staticBase, hops: [hop('dev'), hop('prod')] }, true), 'chained-role');
  assert.equal(consoleSessionKind({ base: tempBase, hops: [hop('dev')] }, true), 'chained-role');
  assert.equal(consoleSessionKind({ base: sso, hops: [hop('dev')] }, true), 'chained-role');
  assert.equal(consoleSessionKind({ base: sso, hops: [] }, true), 'other-temporary');
  assert.equal(consoleSessionKind({ base: tempBase, hops: [] }, true), 'other-temporary');
  assert.equal(consoleSessionKind({ base: staticBase, hops: [] }, false), 'iam-user');
});

test('FEDERATION / GETFEDERATIONTOKEN: duration rules', () => {
  assert.deepEqual(decideDuration('role-from-long-term-keys', undefined), {});
  assert.deepEqual(decideDuration('role-from-long-term-keys', 43200), { sessionDuration: 43200 });
  assert.deepEqual(decideDuration('role-from-long-term-keys', 900), { sessionDuration: 900 });
  for (const bad of [899, 43201, 1.5])
    assert.throws(
      () => decideDuration('role-from-long-term-keys', bad),
      (e: Error & { exitCode?: number }) => e.exitCode === 2,
    );
  assert.deepEqual(decideDuration('iam-user', 129600), { federationDuration: 129600 }, 'GetFederationToken: DurationSeconds, never SessionDuration');
  assert.throws(() => decideDuration('iam-user', 129601), /900 to 129,600/);
  for (const kind of ['chained-role', 'other-temporary'] as const) {
    const decision = decideDuration(kind, 7200);
    assert.equal(decision.sessionDuration, undefined, kind);
    assert.match(decision.note ?? '', /SessionDuration left out/, kind);
  }
});

test('GETFEDERATIONTOKEN: the federated user name and the session policy', () => {
  assert.equal(federatedUserName('dev'), 'awsctl-dev');
  assert.equal(federatedUserName('my profile/with:odd*chars and a very long name'), 'awsctl-my-profile-with-odd-chars');
  for (const profile of ['a', 'x'.repeat(100), 'ü ß']) assert.match(federatedUserName(profile), /^[\w+=,.@-]{2,32}$/);
  assert.deepEqual(sessionPolicy(undefined, []), { policy: ALLOW_ALL_POLICY });
  assert.deepEqual(JSON.parse(ALLOW_ALL_POLICY).Statement, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  assert.deepEqual(sessionPolicy(undefined, ['arn:aws:iam::aws:policy/ReadOnlyAccess']), { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  assert.deepEqual(sessionPolicy('{"Version":"2012-10-17","Statement":[]}', []), { policy: '{"Version":"2012-10-17","Statement":[]}' });
  assert.throws(
    () => sessionPolicy('{not json', []),
    (e: Error & { exitCode?: number }) => e.exitCode === 2,
  );
  assert.throws(() => sessionPolicy(undefined, ['ReadOnlyAccess']), /not a managed policy ARN/);
  assert.throws(
    () =>
      sessionPolicy(
        undefined,
        Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`),
      ),
    /at most 10/,
  );
});
