// The everyday commands through the built CLI: env, process, whoami, exec, explain, against
// the fake STS; the cache shared between runs; eval in a real shell; and a stampede of
// concurrent processes on a cold cache making one STS call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awsctlCommand, cleanEnv, runProcess, startProcess } from '../helpers/cli.ts';
import { e2eRig, exportsOf } from './setup.ts';
import { BASE_ARN, BASE_KEY, ROLE_PROFILE } from '../helpers/fixtures.ts';
import { STALE_IDENTITY_ENV_NAMES } from '../../src/output/env-values.ts';

test('env, process and whoami for a static profile', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const env = await r.run(['env', '--profile', 'base']);
    assert.equal(env.code, 0, env.stderr);
    assert.equal(env.stderr, '');
    assert.deepEqual(exportsOf(env.stdout), {
      AWS_ACCESS_KEY_ID: BASE_KEY.id,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secret,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWSCTL_EXPORTED: `AWS_ACCESS_KEY_ID=${BASE_KEY.id} AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1`,
    });
    assert.match(env.stdout, /^unset AWS_PROFILE;$/m);
    assert.match(env.stdout, /^unset AWS_DEFAULT_PROFILE;$/m);
    assert.match(env.stdout, /^unset AWS_SESSION_TOKEN;$/m);

    const proc = await r.run(['process', '--profile', 'base']);
    assert.equal(proc.code, 0, proc.stderr);
    assert.deepEqual(JSON.parse(proc.stdout), { Version: 1, AccessKeyId: BASE_KEY.id, SecretAccessKey: BASE_KEY.secret });

    const who = await r.run(['whoami', '--profile', 'base', '--json']);
    assert.equal(who.code, 0, who.stderr);
    const view = JSON.parse(who.stdout) as Record<string, unknown>;
    assert.deepEqual(view, { Account: '123456789012', Arn: BASE_ARN, UserId: `AIDAFAKE:${BASE_KEY.id}`, Provider: 'static profile base', Expiration: null });
    assert.equal(r.aws.sts.calls.at(-1)?.action, 'GetCallerIdentity');
    assert.equal(r.aws.sts.calls.at(-1)?.signatureValid, true);

    const text = await r.run(['whoami', '--profile', 'base']);
    assert.match(text.stdout, /^Account +123456789012$/m);
    assert.match(text.stdout, /^Provider +static profile base$/m);
    assert.match(text.stdout, /^Expiration +never/m);
  } finally {
    await r.close();
  }
});

test('assume-role via source_profile: signed with the source key, then served from the cache', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const first = await r.run(['process', '--profile', 'dev']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(r.aws.sts.calls.length, 1);
    assert.equal(r.aws.sts.calls[0]?.signedWith, BASE_KEY.id);
    assert.equal(r.aws.sts.calls[0]?.signatureValid, true);
    const json = JSON.parse(first.stdout) as Record<string, string>;
    assert.deepEqual(Object.keys(json), ['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
    assert.match(json.Expiration!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.cacheFiles().length, 1);

    const second = await r.run(['process', '--profile', 'dev']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(r.aws.sts.calls.length, 1, 'no STS call within the lifetime');
    assert.equal(JSON.parse(second.stdout).SessionToken, json.SessionToken);

    const who = await r.run(['whoami', '--profile', 'dev', '--json']);
    const view = JSON.parse(who.stdout) as Record<string, string>;
    assert.equal(view.Provider, 'assume-role via profile base');
    assert.match(view.Arn!, /assumed-role\/Dev\//);
    assert.equal(r.aws.sts.calls.at(-1)?.signedWith, json.AccessKeyId, 'GetCallerIdentity used the role credentials');
  } finally {
    await r.close();
  }
});

test('eval "$(awsctl env)" in bash sets the variables and clears AWS_PROFILE', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const command = `eval "$(${awsctlCommand.map((w) => `'${w}'`).join(' ')} env)" && env`;
    // Asynchronous on purpose: the fake STS lives in this process and must keep answering.
    const result = await runProcess(['bash', '-c', command], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: r.home,
        AWS_PROFILE: 'dev',
        AWS_ENDPOINT_URL_STS: r.aws.sts.url,
        AWS_EC2_METADATA_DISABLED: 'true',
        NO_COLOR: '1',
      },
    });
    assert.equal(result.code, 0, result.stderr);
    const vars = Object.fromEntries(
      result.stdout
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    assert.match(vars.AWS_ACCESS_KEY_ID ?? '', /^ASIAFAKE/);
    assert.equal(vars.AWS_SESSION_TOKEN, 'fake-session-token-1');
    assert.equal(vars.AWS_REGION, 'eu-west-2');
    assert.equal(vars.AWS_PROFILE, undefined);
  } finally {
    await r.close();
  }
});

test('env --format json and --unset', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const json = await r.run(['env', '--profile', 'base', '--format', 'json']);
    assert.deepEqual(JSON.parse(json.stdout), {
      AWS_ACCESS_KEY_ID: BASE_KEY.id,
      AWS_SECRET_ACCESS_KEY: BASE_KEY.secret,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWSCTL_EXPORTED: `AWS_ACCESS_KEY_ID=${BASE_KEY.id} AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1`,
      AWS_SESSION_TOKEN: null,
      AWS_CREDENTIAL_EXPIRATION: null,
      AWS_ACCOUNT_ID: null,
      ...Object.fromEntries(STALE_IDENTITY_ENV_NAMES.map((name) => [name, null])),
    });
    const unset = await r.run(['env', '--unset']);
    assert.equal(unset.code, 0);
    assert.match(unset.stdout, /^unset AWS_ACCESS_KEY_ID;$/m);
    assert.equal(r.aws.sts.calls.length, 0);
  } finally {
    await r.close();
  }
});

test('exec: credentials and region in the child env, AWS_PROFILE removed, the child status returned', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const script =
      'console.log(JSON.stringify({id: process.env.AWS_ACCESS_KEY_ID, region: process.env.AWS_REGION, profile: process.env.AWS_PROFILE ?? null, arg: process.argv[1]})); process.exit(7)';
    const result = await r.run(['exec', '--', process.execPath, '-e', script, '--', 'x y'], { AWS_PROFILE: 'base' });
    assert.equal(result.code, 7, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { id: BASE_KEY.id, region: 'eu-west-1', profile: null, arg: 'x y' });
    const missing = await r.run(['exec', '--profile', 'base', '--', 'no-such-command-xyz']);
    assert.equal(missing.code, 127);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /no-such-command-xyz.*no such command/);
  } finally {
    await r.close();
  }
});

test('explain --json shows the plan and the cache file, with no network', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const result = await r.run(['explain', '--profile', 'dev', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { outcome: { step: string }; steps: Array<{ step: string; hops?: Array<{ cache: { file: string } }> }> };
    assert.deepEqual(json.outcome, { step: 'profile' });
    assert.match(json.steps[1]?.hops?.[0]?.cache.file ?? '', /^~\/\.aws\/cli\/cache\/[0-9a-f]{40}\.json$/);
    assert.ok(!result.stdout.includes(BASE_KEY.secret));
    assert.equal(r.aws.sts.requests.length, 0);
    const broken = await r.run(['explain', '--profile', 'nope']);
    assert.equal(broken.code, 1);
  } finally {
    await r.close();
  }
});

test('eight concurrent `process` runs on a cold cache make one STS call', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    r.aws.sts.latencyMs = 300;
    const results = await Promise.all(Array.from({ length: 8 }, () => r.run(['process', '--profile', 'dev'])));
    for (const result of results) assert.equal(result.code, 0, result.stderr);
    assert.equal(r.aws.sts.calls.length, 1);
    assert.equal(new Set(results.map((x) => JSON.parse(x.stdout).AccessKeyId)).size, 1);
  } finally {
    await r.close();
  }
});

test('exec forwards SIGTERM to the command and exits with its status', async () => {
  const r = await e2eRig(ROLE_PROFILE);
  try {
    const script = 'process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.exit(5); }); console.log("ready"); setInterval(() => {}, 1000);';
    const running = startProcess([...awsctlCommand, 'exec', '--profile', 'base', '--', process.execPath, '-e', script], {
      env: cleanEnv(r.home, { AWS_EC2_METADATA_DISABLED: 'true' }),
    });
    await running.waitFor('stdout', 'ready'); // fails if exec ends before the command is ready
    running.child.kill('SIGTERM');
    const result = await running.done;
    assert.equal(result.code, 5);
    assert.match(result.stdout, /child got SIGTERM/);
  } finally {
    await r.close();
  }
});
