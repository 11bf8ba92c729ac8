// runCredentialProcess end to end with the real ProcessRunner and small helper programs in a
// temp folder whose path has spaces and non-ASCII characters (quoted in the command line, as
// the guide says to).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsctlError } from '../../src/errors.ts';
import { createProcessRunner } from '../../src/io/processes.ts';
import {
  credentialProcessTimeoutMs,
  planInvocation,
  PROCESS_CHAIN_ENV,
  runCredentialProcess,
  type CredentialProcessContext,
} from '../../src/resolve/credential-process.ts';

const unix = process.platform !== 'win32';
const root = mkdtempSync(join(tmpdir(), 'awsctl-cp-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'My Helpers', 'ünïcödé 日本');
mkdirSync(dir, { recursive: true });
const SECRET = 'wJalrXUtnFEMI-secret-value';

function helper(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return `"${path}"`;
}

function context(env: Record<string, string> = {}): CredentialProcessContext & { debugLines: string[]; stderrText(): string } {
  const debugLines: string[] = [];
  const stderr: Buffer[] = [];
  return {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    platform: process.platform,
    processes: createProcessRunner({ stderr: { write: (c: Buffer) => void stderr.push(c) }, hasTerminal: () => false, killGraceMs: 300 }),
    debug: (m) => void debugLines.push(m),
    debugLines,
    stderrText: () => Buffer.concat(stderr).toString(),
  };
}

const good = JSON.stringify({ Version: 1, AccessKeyId: 'ASIAHELPER', SecretAccessKey: SECRET, SessionToken: 'tok', Expiration: '2030-01-01T00:00:00Z' });

test('success: quoted path with spaces and unicode, arguments passed, JSON read, no secrets in debug', { skip: !unix }, async () => {
  const ctx = context();
  const commandLine = `${helper('ok.sh', `[ "$1" = "--user" ] && [ "$2" = "helen smith" ] || exit 9\nprintf '%s' '${good}'`)} --user "helen smith"`;
  const creds = await runCredentialProcess(ctx, { profileName: 'dev', commandLine, accountId: '111122223333' });
  assert.deepEqual(creds, {
    accessKeyId: 'ASIAHELPER',
    secretAccessKey: SECRET,
    sessionToken: 'tok',
    expiration: new Date('2030-01-01T00:00:00Z'),
    accountId: '111122223333',
  });
  assert.ok(ctx.debugLines.length > 0);
  assert.ok(!ctx.debugLines.join('\n').includes(SECRET));
  assert.ok(!ctx.debugLines.join('\n').includes('helen'), 'arguments are not logged');
});

test('the helper gets the parent environment plus the loop guard chain', { skip: !unix }, async () => {
  const ctx = context({ FROM_PARENT: 'p', [PROCESS_CHAIN_ENV]: '["outer"]' });
  const commandLine = helper(
    'env.sh',
    `printf '{"Version":1,"AccessKeyId":"%s","SecretAccessKey":"%s"}' "$FROM_PARENT" "$${PROCESS_CHAIN_ENV}" | sed 's/"\\["outer","dev"\\]"/"chain-ok"/'`,
  );
  const creds = await runCredentialProcess(ctx, { profileName: 'dev', commandLine });
  assert.equal(creds.accessKeyId, 'p');
  assert.equal(creds.secretAccessKey, 'chain-ok');
});

async function failure(commandLine: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<AwsctlError> {
  const ctx = context(options.env);
  try {
    await runCredentialProcess(ctx, { profileName: 'team-dev', commandLine, timeoutMs: options.timeoutMs });
  } catch (error) {
    assert.ok(error instanceof AwsctlError, String(error));
    assert.match(error.message, /team-dev/);
    assert.ok(!error.message.includes(SECRET), `no secret in: ${error.message}`);
    return error;
  }
  assert.fail('expected an AwsctlError');
}

test('Version 2 is refused', { skip: !unix }, async () => {
  const error = await failure(helper('v2.sh', `printf '%s' '${good.replace('"Version":1', '"Version":2')}'`));
  assert.match(error.message, /Version 2/);
});

test('invalid JSON is refused without echoing stdout', { skip: !unix }, async () => {
  const error = await failure(helper('bad.sh', `echo 'AccessKeyId=ASIA SecretAccessKey=${SECRET}'`));
  assert.match(error.message, /not valid JSON/);
});

test('a missing field is refused by name', { skip: !unix }, async () => {
  const error = await failure(helper('missing.sh', `echo '{"Version":1,"AccessKeyId":"A"}'`));
  assert.match(error.message, /no SecretAccessKey/);
});

test("exit 1: the status is in the error, which points at the helper's stderr (passed through once, not repeated); stdout never shown", {
  skip: !unix,
}, async () => {
  const ctx = context();
  const commandLine = helper('exit1.sh', `echo "${SECRET}"; echo "first problem" >&2; echo "token expired, run sso login" >&2; exit 1`);
  await assert.rejects(runCredentialProcess(ctx, { profileName: 'team-dev', commandLine }), (error: AwsctlError) => {
    assert.match(error.message, /exited with status 1; its message is above/);
    assert.ok(!error.message.includes('token expired'), "the helper's text is not repeated");
    assert.ok(!error.message.includes(SECRET));
    return true;
  });
  assert.equal(ctx.stderrText(), 'first problem\ntoken expired, run sso login\n');
});

test('a hung helper is stopped at the timeout with a hint about the setting', { skip: !unix }, async () => {
  const error = await failure(helper('hang.sh', 'sleep 30'), { timeoutMs: 300 });
  assert.match(error.message, /did not finish within 0\.3 seconds/);
  assert.match(error.message, /AWSCTL_CREDENTIAL_PROCESS_TIMEOUT/);
});

test('AWSCTL_CREDENTIAL_PROCESS_TIMEOUT applies when no timeout is passed', { skip: !unix }, async () => {
  const error = await failure(helper('hang2.sh', 'sleep 30'), { env: { AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: '0.2' } });
  assert.match(error.message, /within 0\.2 seconds/);
});

test('no shell: shell syntax in the setting is not interpreted (the smithy-rs shell cases fail as documented)', { skip: !unix }, async () => {
  // `exit 1` names a program "exit", which does not exist.
  assert.match((await failure('exit 1')).message, /could not start "exit": no such program.*without a shell/);
  // `echo 'invalid json'` runs echo, which prints `invalid json`.
  assert.match((await failure("echo 'invalid json'")).message, /not valid JSON/);
  // A pipe is just an argument to echo: the JSON never gets decoded.
  assert.match((await failure('echo e30K | base64 --decode')).message, /not valid JSON/);
});

test('an empty setting and an unterminated quote are clear errors', async () => {
  assert.match((await failure('   ')).message, /empty/);
  assert.match((await failure('"/opt/helper --x')).message, /never closed/);
});

test('a profile whose helper runs awsctl for the same profile is stopped on the second turn, not a fork bomb', { skip: !unix }, async () => {
  // The helper plays `awsctl process --profile team-dev`: it runs the same resolution again.
  const selfCall = join(dir, 'self-call.ts');
  const moduleUrl = new URL('../../src/resolve/credential-process.ts', import.meta.url).href;
  const runnerUrl = new URL('../../src/io/processes.ts', import.meta.url).href;
  writeFileSync(
    selfCall,
    [
      `import { runCredentialProcess } from ${JSON.stringify(moduleUrl)};`,
      `import { createProcessRunner } from ${JSON.stringify(runnerUrl)};`,
      'const ctx = { env: process.env, platform: process.platform, processes: createProcessRunner({ hasTerminal: () => false }), debug() {} };',
      'try { await runCredentialProcess(ctx, { profileName: "team-dev", commandLine: process.env.SELF_COMMAND }); }',
      'catch (e) { process.stderr.write(e.message + "\\n"); process.exit(1); }',
    ].join('\n'),
  );
  const commandLine = `"${process.execPath}" "${selfCall}"`;
  const ctx = context({ SELF_COMMAND: commandLine });
  await assert.rejects(runCredentialProcess(ctx, { profileName: 'team-dev', commandLine }), (error: AwsctlError) => {
    // The inner run's line (the loop) reached stderr once; the outer error only points at it.
    assert.match(error.message, /exited with status 1; its message is above/);
    return true;
  });
  assert.match(ctx.stderrText(), /leads back to awsctl for the same profile \(team-dev → team-dev\)/);
});

test('the timeout setting: default 120 s, seconds with fractions, junk refused', () => {
  assert.equal(credentialProcessTimeoutMs({}), 120_000);
  assert.equal(credentialProcessTimeoutMs({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: ' 30 ' }), 30_000);
  assert.equal(credentialProcessTimeoutMs({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: '1.5' }), 1500);
  for (const bad of ['0', '-5', 'ten', '1e3', 'Infinity']) {
    assert.throws(() => credentialProcessTimeoutMs({ AWSCTL_CREDENTIAL_PROCESS_TIMEOUT: bad }), AwsctlError, bad);
  }
});

test('Windows: .cmd and .bat helpers go through cmd.exe, quoted; characters cmd would expand are refused', () => {
  assert.deepEqual(planInvocation(['C:\\Tools\\helper.exe', 'a b'], 'win32', 'p'), { argv: ['C:\\Tools\\helper.exe', 'a b'], shell: false });
  assert.deepEqual(planInvocation(['C:\\Path\\To\\credentials.cmd', 'plain', 'with space'], 'win32', 'p'), {
    argv: ['"C:\\Path\\To\\credentials.cmd" "plain" "with space"'],
    shell: true,
  });
  assert.throws(() => planInvocation(['C:\\x.BAT', '%USERPROFILE%'], 'win32', 'p'), /cmd\.exe would interpret/);
  assert.deepEqual(planInvocation(['/opt/x.cmd'], 'linux', 'p'), { argv: ['/opt/x.cmd'], shell: false });
});
