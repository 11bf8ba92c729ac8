// The pure parts of signing in: which session, which flow, which browser command, when a cached
// registration is reused, and the exact bytes of the token and registration files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from '../../src/ini/parse.ts';
import { normalize } from '../../src/profile/normalize.ts';
import { parseRegistrationScopes, resolveSsoSession } from '../../src/sso/session.ts';
import { browserAvailability, browserCommands, splitCommandLine } from '../../src/io/browser.ts';
import { chooseLoginFlow } from '../../src/sso/login.ts';
import { isReusableRegistration, registrationPathFor, registrationRecord, registrationRequest, tokenRecord } from '../../src/sso/registration.ts';
import { pythonJsonDumps } from '../../src/cache/python-json.ts';
import { sha1 } from './helpers.ts';
import { SSO_CONFIG, START_URL } from '../helpers/fixtures.ts';

const set = (text: string) => normalize(parseIni(text), undefined, { config: 'config', credentials: 'credentials' });

test('resolveSsoSession: flag, profile, legacy profile, the only session, and clear errors', () => {
  const both = set(
    `${SSO_CONFIG}\n[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n\n[profile plain]\nregion = eu-west-1\n`,
  );
  const byFlag = resolveSsoSession(both, { sessionFlag: 'corp', profileName: 'plain' });
  assert.deepEqual(
    [byFlag.sessionName, byFlag.startUrl, byFlag.region, byFlag.registrationScopes, byFlag.chosenBy],
    ['corp', START_URL, 'eu-west-1', ['sso:account:access'], 'flag'],
  );
  assert.equal(resolveSsoSession(both, { profileName: 'dev' }).chosenBy, 'profile');
  const legacy = resolveSsoSession(both, { profileName: 'legacy' });
  assert.deepEqual(
    [legacy.sessionName, legacy.startUrl, legacy.region, legacy.registrationScopes],
    [undefined, 'https://legacy.awsapps.com/start', 'us-east-1', undefined],
  );
  // `default` with no SSO settings and exactly one session: that session.
  assert.equal(resolveSsoSession(both, { profileName: 'default' }).sessionName, 'corp');
  assert.throws(
    () => resolveSsoSession(both, { profileName: 'plain', profileExplicit: true }),
    /cannot tell which IAM Identity Center sign-in .* — pass --sso-session \(one of: corp\)/,
  );
  assert.throws(() => resolveSsoSession(both, { sessionFlag: 'nope', profileName: 'dev' }), /there is no \[sso-session nope\]/);
  assert.throws(
    () => resolveSsoSession(set('[sso-session x]\nsso_region = us-east-1\n'), { sessionFlag: 'x', profileName: 'default' }),
    /missing sso_start_url/,
  );
});

test('sso_registration_scopes are parsed as the AWS CLI does', () => {
  assert.deepEqual(parseRegistrationScopes(' sso:account:access , codewhisperer:completions,,'), ['sso:account:access', 'codewhisperer:completions']);
  assert.deepEqual(parseRegistrationScopes(''), []);
});

test('browserAvailability: $BROWSER, SSH, displays, platforms', () => {
  assert.deepEqual(browserAvailability({}, 'darwin'), { canOpen: true });
  assert.deepEqual(browserAvailability({}, 'win32'), { canOpen: true });
  assert.equal(browserAvailability({}, 'linux').canOpen, false);
  assert.equal(browserAvailability({ DISPLAY: ':0' }, 'linux').canOpen, true);
  assert.equal(browserAvailability({ WAYLAND_DISPLAY: 'wayland-0' }, 'freebsd').canOpen, true);
  assert.match(browserAvailability({ DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' }, 'linux').reason ?? '', /SSH/);
  assert.equal(browserAvailability({ SSH_TTY: '/dev/pts/1' }, 'darwin').canOpen, false);
  assert.equal(browserAvailability({ BROWSER: 'w3m', SSH_TTY: '/dev/pts/1' }, 'linux').canOpen, true);
});

test('browserCommands: $BROWSER list with %s, else the platform opener', () => {
  const url = 'https://oidc.example/authorize?a=1&b=2';
  assert.deepEqual(browserCommands(url, { BROWSER: 'firefox --new-tab:chromium "%s" --incognito' }, 'linux'), [
    ['firefox', '--new-tab', url],
    ['chromium', url, '--incognito'],
  ]);
  assert.deepEqual(browserCommands(url, {}, 'linux'), [['xdg-open', url]]);
  assert.deepEqual(browserCommands(url, {}, 'darwin'), [['open', url]]);
  assert.deepEqual(browserCommands(url, {}, 'win32'), [['rundll32', 'url.dll,FileProtocolHandler', url]]);
  assert.deepEqual(splitCommandLine(`'/opt/my browser/bin' -x ""`), ['/opt/my browser/bin', '-x', '']);
});

test('chooseLoginFlow: PKCE only for sso-sessions where a browser can be opened', () => {
  const open = { canOpen: true };
  const closed = { canOpen: false, reason: 'this is an SSH session' };
  const choose = (o: Partial<Parameters<typeof chooseLoginFlow>[0]>) =>
    chooseLoginFlow({ legacy: false, useDeviceCode: false, noBrowser: false, availability: open, ...o });
  assert.deepEqual(choose({}), { flow: 'pkce', openBrowser: true });
  assert.deepEqual(choose({ noBrowser: true }), { flow: 'device', openBrowser: false, reason: '--no-browser was given' });
  assert.deepEqual(choose({ useDeviceCode: true }), { flow: 'device', openBrowser: true, reason: '--use-device-code was given' });
  assert.deepEqual(choose({ useDeviceCode: true, availability: closed }).openBrowser, false);
  assert.deepEqual(choose({ availability: closed }), { flow: 'device', openBrowser: false, reason: 'this is an SSH session' });
  assert.equal(choose({ legacy: true }).flow, 'device');
});

const session = resolveSsoSession(set(SSO_CONFIG), { sessionFlag: 'corp', profileName: 'dev' });
const NOW = new Date('2030-05-01T10:00:00.750Z');

test("registration reuse: unexpired by 15 minutes and of the flow's kind", () => {
  const device = { clientId: 'c', clientSecret: 's', expiresAt: '2030-05-01T10:20:00Z', scopes: ['sso:account:access'] };
  const pkce = { ...device, grantTypes: ['authorization_code', 'refresh_token'] };
  assert.equal(isReusableRegistration(device, 'device', NOW), true);
  assert.equal(isReusableRegistration(device, 'pkce', NOW), false);
  assert.equal(isReusableRegistration(pkce, 'pkce', NOW), true);
  assert.equal(isReusableRegistration(pkce, 'device', NOW), false);
  assert.equal(isReusableRegistration({ ...pkce, expiresAt: '2030-05-01T10:14:00Z' }, 'pkce', NOW), false);
  assert.equal(isReusableRegistration(undefined, 'pkce', NOW), false);
});

test('registration request and record follow the AWS CLI (loopback URI without port, issuer = start URL)', () => {
  const request = registrationRequest(session, 'pkce', NOW);
  assert.deepEqual(request, {
    clientName: 'awsctl-client-corp',
    clientType: 'public',
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris: ['http://127.0.0.1/oauth/callback'],
    issuerUrl: START_URL,
    scopes: ['sso:account:access'],
  });
  const legacy = registrationRequest({ startUrl: START_URL, region: 'us-east-1', chosenBy: 'legacy-profile' }, 'device', NOW);
  assert.deepEqual(legacy, { clientName: `awsctl-client-${Math.floor(NOW.getTime() / 1000)}`, clientType: 'public' });
  const record = registrationRecord({ clientId: 'cid', clientSecret: 'sec', clientSecretExpiresAt: new Date('2030-07-30T10:00:00Z') }, request);
  assert.equal(
    pythonJsonDumps({ ...record }),
    '{"clientId": "cid", "clientSecret": "sec", "expiresAt": "2030-07-30T10:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}',
  );
  // The file name botocore uses: sha1 of the sorted-keys JSON of {tool, startUrl, region, scopes, session_name}.
  const keyText = `{"region": "eu-west-1", "scopes": ["sso:account:access"], "session_name": "corp", "startUrl": "${START_URL}", "tool": "botocore"}`;
  assert.ok(registrationPathFor('/h', session).endsWith(`/.aws/sso/cache/${sha1(keyText)}.json`));
});

test('the token record has the AWS CLI v2 keys in its order, seconds-precision expiry', () => {
  const registration = { clientId: 'cid', clientSecret: 'sec', expiresAt: '2030-07-30T10:00:00Z' };
  const token = tokenRecord(session, registration, { accessToken: 'AT', expiresIn: 3600, refreshToken: 'RT' }, NOW);
  assert.equal(
    pythonJsonDumps(token),
    `{"startUrl": "${START_URL}", "region": "eu-west-1", "accessToken": "AT", "expiresAt": "2030-05-01T11:00:00Z", "clientId": "cid", "clientSecret": "sec", "registrationExpiresAt": "2030-07-30T10:00:00Z", "refreshToken": "RT"}`,
  );
  assert.equal('refreshToken' in tokenRecord(session, registration, { accessToken: 'AT', expiresIn: 60 }, NOW), false);
});

test('the spinner draws only on a terminal and clears its line when stopped', async () => {
  const { startSpinner } = await import('../../src/io/spinner.ts');
  const piped: string[] = [];
  startSpinner({ isTTY: false, write: (t) => void piped.push(t) }, 'waiting').stop();
  assert.deepEqual(piped, []);
  const tty: string[] = [];
  const spinner = startSpinner({ isTTY: true, write: (t) => void tty.push(t) }, 'waiting', 5);
  await new Promise((resolve) => setTimeout(resolve, 30));
  spinner.stop();
  spinner.stop();
  assert.ok(tty.length >= 3 && tty.slice(0, -1).every((t) => t.startsWith('\r') && t.endsWith(' waiting')));
  assert.equal(tty.at(-1), '\r\x1b[2K');
  assert.equal(tty.filter((t) => t === '\r\x1b[2K').length, 1);
});
