// The built CLI: `exec --server` passes the child's exit status and signals through and stops
// its server with the child; `--token-file` keeps real clients working while the token
// rotates; `serve` prints the variables in the `env` formats and serves until interrupted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { awsctlCommand, cleanEnv, writeFiles } from '../helpers/cli.ts';
import { e2eRig, exportsOf } from '../e2e/setup.ts';
import { ROLE_PROFILE as STATIC_BASE } from '../helpers/fixtures.ts';
import { BOTOCORE_LOOP, pythonsWithBotocore, reportOf, SDK_JS_LOOP } from './judges.ts';

test("exec --server returns the child's exit status, and a server that is gone afterwards", async () => {
  const r = await e2eRig(STATIC_BASE);
  try {
    const result = await r.run(['exec', '--profile', 'dev', '--server', '--', 'sh', '-c', 'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI"; exit 7']);
    assert.equal(result.code, 7, result.stderr);
    const uri = result.stdout.trim();
    assert.match(uri, /^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    await assert.rejects(fetch(uri), 'nothing listens once the child has ended');
    const missing = await r.run(['exec', '--profile', 'dev', '--server', '--', 'no-such-command-awsctl']);
    assert.equal(missing.code, 127);
  } finally {
    await r.close();
  }
});

test('exec --server: a signal sent to awsctl reaches the child, and awsctl exits as the child did', async () => {
  const r = await e2eRig(STATIC_BASE);
  try {
    const [cmd, ...pre] = awsctlCommand;
    const child = spawn(cmd!, [...pre, 'exec', '--profile', 'dev', '--server', '--', 'sh', '-c', 'echo ready; exec sleep 30'], {
      env: cleanEnv(r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 143, `128 + SIGTERM; stderr: ${stderr}`);
  } finally {
    await r.close();
  }
});

const modern = pythonsWithBotocore(31);

test('--token-file: a 0600 file rotated every second; botocore and the SDK for JavaScript keep working across rotations and refreshes', {
  skip: modern.length === 0 && 'no botocore ≥ 1.31 (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) installed',
}, async () => {
  const r = await e2eRig(STATIC_BASE);
  r.aws.sts.strict = true;
  r.aws.sts.rejectExpired = true;
  r.aws.sts.lifetimeSeconds = 12;
  try {
    const env = { AWSCTL_SERVER_TOKEN_ROTATION: '1' };
    const python = await r.run(['exec', '--profile', 'dev', '--server', '--token-file', '--', modern[0]!.path, BOTOCORE_LOOP, '3'], env, 120_000);
    assert.equal(python.code, 0, python.stderr);
    const report = reportOf(python.stdout);
    assert.ok(report.env.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE') && !report.env.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN'));
    assert.ok(report.keys.length >= 3);
    const js = await r.run(['exec', '--profile', 'dev', '--server', '--token-file', '--', process.execPath, SDK_JS_LOOP, 'chain', '3'], env, 120_000);
    assert.equal(js.code, 0, js.stderr);
    const file = await r.run([
      'exec',
      '--profile',
      'dev',
      '--server',
      '--token-file',
      '--',
      'sh',
      '-c',
      'f="$AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"; stat -c %a "$f"; stat -c %a "$(dirname "$f")"; echo "$f"',
    ]);
    const [fileMode, dirMode, path] = file.stdout.trim().split('\n');
    assert.deepEqual([fileMode, dirMode], ['600', '700']);
    assert.equal(existsSync(path!), false, 'the token file is removed when the child ends');
  } finally {
    await r.close();
  }
});

test('serve prints the variables (sh and json), answers a client that sets them, refuses a wrong token, and stops on SIGINT', async () => {
  const r = await e2eRig(STATIC_BASE);
  try {
    const [cmd, ...pre] = awsctlCommand;
    const serve = (format: string) =>
      spawn(cmd!, [...pre, 'serve', '--profile', 'dev', '--format', format], {
        env: cleanEnv(r.home, { AWS_ENDPOINT_URL_STS: r.aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const child = serve('sh');
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        if (stdout.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN=')) resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const vars = exportsOf(stdout);
    assert.match(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '', /^http:\/\/127\.0\.0\.1:\d+\/credentials$/);
    assert.match(vars.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '', /^[\w-]{43}$/);
    assert.equal(vars.AWS_REGION, 'eu-west-2');
    assert.match(stdout, /^unset AWS_ACCESS_KEY_ID;$/m);
    assert.match(stdout, /^unset AWS_PROFILE;$/m);
    const ok = await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { authorization: vars.AWS_CONTAINER_AUTHORIZATION_TOKEN! } });
    assert.equal(ok.status, 200);
    assert.match(((await ok.json()) as { AccessKeyId: string }).AccessKeyId, /^ASIAFAKE/);
    assert.equal((await fetch(vars.AWS_CONTAINER_CREDENTIALS_FULL_URI!, { headers: { authorization: 'wrong' } })).status, 403);
    assert.match(stderr, /serving the credentials of profile dev on http:\/\/127\.0\.0\.1:\d+\/credentials/);
    child.kill('SIGINT');
    assert.equal(await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c))), 0);

    const json = serve('json');
    let text = '';
    json.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    await new Promise<void>((resolve) => json.stdout.on('data', () => text.trim().endsWith('}') && resolve()));
    const object = JSON.parse(text) as Record<string, string | null>;
    assert.equal(object.AWS_ACCESS_KEY_ID, null);
    assert.match(object.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '', /\/credentials$/);
    json.kill('SIGTERM');
    assert.equal(await new Promise<number | null>((resolve) => json.on('close', (c) => resolve(c))), 0);
  } finally {
    await r.close();
  }
});

test('serve refuses a bad --port, --imds on a non-loopback --bind, and a wildcard --bind', async () => {
  const r = await e2eRig(STATIC_BASE);
  try {
    const port = await r.run(['serve', '--profile', 'dev', '--port', '70000']);
    assert.equal(port.code, 2);
    assert.match(port.stderr, /--port: "70000" is not a port number/);
    const bind = await r.run(['serve', '--profile', 'dev', '--imds', '--bind', '192.0.2.1']);
    assert.equal(bind.code, 2);
    assert.match(bind.stderr, /IMDS mode has no token/);
    const wildcard = await r.run(['serve', '--profile', 'dev', '--bind', '0.0.0.0']);
    assert.equal(wildcard.code, 2);
    assert.match(wildcard.stderr, /--bind: 0\.0\.0\.0 means every address/);
  } finally {
    await r.close();
  }
});

test('--debug narrates requests and refreshes without a key, secret or token; a default profile with credentials is warned about', async () => {
  const r = await e2eRig(`${STATIC_BASE}\n[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = default-secret\n`);
  r.aws.sts.lifetimeSeconds = 4;
  try {
    const script =
      'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do curl -s -H "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_CONTAINER_CREDENTIALS_FULL_URI" >/dev/null; sleep 0.25; done; echo "$AWS_CONTAINER_AUTHORIZATION_TOKEN"';
    const result = await r.run(['exec', '--profile', 'dev', '--server', '--debug', '--', 'sh', '-c', script], {}, 60_000);
    assert.equal(result.code, 0, result.stderr);
    const token = result.stdout.trim();
    assert.match(token, /^[\w-]{43}$/);
    assert.match(result.stderr, /server: GET \/credentials → 200 \(curl\//);
    assert.match(result.stderr, /server: new credentials for profile dev \(…\d{4}\)/, 'a refresh happened and was narrated');
    assert.match(result.stderr, /warning: profile default has credentials of its own \(static\)/);
    for (const secret of [token, 'fake-secret-1', 'fake-secret-2', 'fake-session-token-1', 'fake-session-token-2', 'ASIAFAKE000000000001', 'default-secret']) {
      assert.ok(!result.stderr.includes(secret), `stderr does not show ${secret.slice(0, 12)}…`);
    }
  } finally {
    await r.close();
  }
});

test('other sources through the server (web identity, credential_process), with awsctl itself as the container-endpoint client', async () => {
  const r = await e2eRig('');
  try {
    writeFiles(r.home, {
      'token.jwt': 'header.payload.signature\n',
      'helper.sh':
        '#!/bin/sh\necho \'{"Version":1,"AccessKeyId":"ASIAPROCESS00000001","SecretAccessKey":"process-secret","SessionToken":"process-token","Expiration":"2099-01-01T00:00:00Z"}\'\n',
      '.aws/config': `[profile wi]\nrole_arn = arn:aws:iam::111122223333:role/Web\nweb_identity_token_file = ${join(r.home, 'token.jwt')}\n\n[profile proc]\ncredential_process = sh ${join(r.home, 'helper.sh')}\n`,
    });
    for (const [profile, key] of [
      ['wi', /^ASIAFAKE/],
      ['proc', /^ASIAPROCESS/],
    ] as const) {
      const result = await r.run(['exec', '--profile', profile, '--server', '--', ...awsctlCommand, 'env', '--format', 'json', '--debug']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(JSON.parse(result.stdout).AWS_ACCESS_KEY_ID, key);
      assert.match(result.stderr, /chain: container claims the request/, 'the inner awsctl read the server');
    }
    assert.equal(r.aws.sts.calls[0]?.action, 'AssumeRoleWithWebIdentity');
  } finally {
    await r.close();
  }
});

test('serve on a port in use fails with one clear line', async () => {
  const r = await e2eRig(STATIC_BASE);
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (blocker.address() as { port: number }).port;
    const result = await r.run(['serve', '--profile', 'base', '--port', String(port)]);
    assert.equal(result.code, 1);
    assert.equal(
      result.stderr.trim(),
      `awsctl: cannot serve on 127.0.0.1:${port}: the port is in use — choose another --port, or leave it out for a random one`,
    );
  } finally {
    blocker.close();
    await r.close();
  }
});
