// `awsctl login` with console credentials and `awsctl logout`, end to end against the fake
// sign-in service: the browser step is a scripted HTTP client (children/approve.mjs) that opens
// the authorize page, approves, and follows the redirect to awsctl's loopback server (same
// device) or reads the code to paste (other device, typed into a real terminal under tmux).
// The fake checks PKCE, state, redirect and every DPoP proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';
import { runInTmux } from '../assume/tty.ts';
import { skipWithoutTool } from '../helpers/tools.ts';
import { browserScript, loginRig, sessionFileName, SESSION_ARN } from './rig.ts';

const approve = join(repoRoot, 'test', 'login', 'children', 'approve.mjs');

const FRESH = `# my profiles\n[profile console]\nregion = eu-west-1\n`;

test('login on this device: PKCE through the loopback server, session saved 0600, profile pointed at it', async () => {
  const r = await loginRig(FRESH);
  try {
    const browser = browserScript(r.home);
    const result = await r.run(['login', '--profile', 'console'], { BROWSER: browser.path, DISPLAY: ':0' }, 30_000);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /Signed in as arn:aws:sts::111122223333:assumed-role\/Admin\/alice\. Profile console now uses this session/);
    const opened = readFileSync(browser.log, 'utf8').trim();
    // The AWS CLI's parameter order and encoding; the challenge last, unpadded.
    assert.match(
      opened,
      new RegExp(
        `^${r.signin.url}/v1/authorize\\?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device&state=[0-9a-f-]{36}&code_challenge_method=SHA-256&scope=openid&redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A\\d+%2Foauth%2Fcallback&code_challenge=[A-Za-z0-9_-]{43}$`,
      ),
    );
    assert.deepEqual(r.signin.tokenCalls, [{ grantType: 'authorization_code', ok: true }]);
    const exchange = JSON.parse(r.signin.requests.find((q) => q.path === '/v1/token')!.body) as Record<string, string>;
    assert.match(exchange.codeVerifier!, /^[A-Za-z0-9._~-]{64}$/);
    assert.equal(exchange.clientId, 'arn:aws:signin:::devtools/same-device');
    const saved = r.readSession();
    assert.equal(r.sessionMode(), 0o600);
    assert.equal(saved.signInRegion, 'eu-west-1');
    assert.equal(saved.clientId, 'arn:aws:signin:::devtools/same-device');
    assert.equal(saved.accessToken.accountId, '111122223333');
    assert.match(String(saved.dpopKey), /^-----BEGIN EC PRIVATE KEY-----\n/);
    const config = readFileSync(join(r.home, '.aws', 'config'), 'utf8');
    assert.equal(config, `# my profiles\n[profile console]\nregion = eu-west-1\nlogin_session = ${SESSION_ARN}\n`);
    // The new session serves at once, and refreshes with the key it was created with.
    const process1 = await r.run(['process', '--profile', 'console']);
    assert.equal(process1.code, 0, process1.stderr);
    assert.equal(JSON.parse(process1.stdout).AccessKeyId, saved.accessToken.accessKeyId);
    r.writeSession({ ...saved, accessToken: { ...saved.accessToken, expiresAt: '2020-01-01T00:00:00Z' } });
    const refreshed = await r.run(['process', '--profile', 'console']);
    assert.equal(refreshed.code, 0, refreshed.stderr);
    assert.deepEqual(
      r.signin.tokenCalls.map((c) => [c.grantType, c.ok]),
      [
        ['authorization_code', true],
        ['refresh_token', true],
      ],
    );
  } finally {
    await r.close();
  }
});

test('login refuses a profile with other credentials; --no-input refuses to start', async () => {
  const r = await loginRig(`[profile keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n[profile console]\nregion = eu-west-1\n`);
  try {
    const refused = await r.run(['login', '--profile', 'keys']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /profile keys: it is already configured with access key credentials/);
    const noInput = await r.run(['login', '--profile', 'console', '--no-input']);
    assert.equal(noInput.code, 1);
    assert.match(noInput.stderr, /--no-input/);
    assert.equal(r.signin.requests.length, 0);
  } finally {
    await r.close();
  }
});

test('login on another device (--remote), no region configured: asks the region, then takes the pasted code', { skip: skipWithoutTool('tmux') }, async () => {
  const r = await loginRig(`[profile console]\n`);
  const tty = runInTmux(r.home, ['login', '--profile', 'console', '--remote'], r.env() as Record<string, string>);
  try {
    await tty.waitForScreen(/AWS Region/);
    tty.type('eu-west-1');
    await tty.waitForScreen(/Enter the authorization code/);
    const stderr = readFileSync(join(r.home, 'tty.stderr'), 'utf8');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/v1\/authorize\?\S+)/.exec(stderr)?.[1];
    assert.ok(url, stderr);
    assert.match(url, /client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fcross-device/);
    assert.ok(url.includes(`redirect_uri=${encodeURIComponent(`${r.signin.url}/v1/sessions/confirmation`)}`), url);
    // Async: the fake service runs in this process and must keep answering meanwhile.
    const { stdout: code } = await promisify(execFile)(process.execPath, [approve, url], { encoding: 'utf8', timeout: 20_000 });
    tty.type(code);
    const done = await tty.finished(30_000);
    assert.equal(done.code, 0, done.stderr);
    const saved = r.readSession();
    assert.equal(saved.clientId, 'arn:aws:signin:::devtools/cross-device');
    assert.equal(JSON.parse(r.signin.requests.find((q) => q.path === '/v1/token')!.body).redirectUri, `${r.signin.url}/v1/sessions/confirmation`);
    assert.equal(readFileSync(join(r.home, '.aws', 'config'), 'utf8'), `[profile console]\nlogin_session = ${SESSION_ARN}\nregion = eu-west-1\n`);
    assert.equal(saved.signInRegion, 'eu-west-1');
  } finally {
    tty.close();
    await r.close();
  }
});

test('signing in as another session asks before replacing the profile\'s; "no" writes nothing', { skip: skipWithoutTool('tmux') }, async () => {
  const before = `[profile console]\nlogin_session = arn:aws:sts::111122223333:assumed-role/Other/bob\nregion = eu-west-1\n`;
  const r = await loginRig(before);
  const tty = runInTmux(r.home, ['login', '--profile', 'console'], {
    ...(r.env() as Record<string, string>),
    BROWSER: browserScript(r.home).path,
    DISPLAY: ':0',
  });
  try {
    await tty.waitForScreen(
      /uses session arn:aws:sts::111122223333:assumed-role\/Other\/bob\. Replace it with arn:aws:sts::111122223333:assumed-role\/Admin\/alice\?/,
    );
    tty.type('n');
    const done = await tty.finished(30_000);
    assert.equal(done.code, 1);
    assert.match(done.stderr, /Kept profile console as it was; the new session was not saved/);
    assert.equal(readFileSync(join(r.home, '.aws', 'config'), 'utf8'), before);
    assert.ok(!existsSync(r.sessionPath));
  } finally {
    tty.close();
    await r.close();
  }
});

test("logout removes the profile's session; --all every session file and nothing else", async () => {
  const r = await loginRig();
  try {
    r.writeSession(r.signin.seedSession().file);
    const other = join(r.home, '.aws', 'login', 'cache', sessionFileName('arn:aws:sts::1:assumed-role/X/y'));
    writeFileSync(other, JSON.stringify(r.signin.seedSession().file));
    const stranger = join(r.home, '.aws', 'login', 'cache', 'notes.json');
    writeFileSync(stranger, '{"hello": 1}');
    const one = await r.run(['logout', '--profile', 'console']);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stderr, /Removed the cached login session of profile console; .*15 more minutes/);
    assert.ok(!existsSync(r.sessionPath));
    assert.ok(existsSync(other));
    const all = await r.run(['logout', '--all']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stderr, /Removed 1 cached login session;/);
    assert.ok(!existsSync(other));
    assert.ok(existsSync(stranger), 'a file that is not a session stays');
    const none = await r.run(['process', '--profile', 'console']);
    assert.match(none.stderr, /no cached sign-in/);
  } finally {
    await r.close();
  }
});
