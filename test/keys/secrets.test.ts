// Secrets scan for the `keys` commands, with --debug: the long-term secret, the passphrase, the
// rotated secret and the session secrets never reach stderr, non-payload stdout, any file under
// HOME (the file store holds them encrypted only), or any process's argv (sampled with `ps` while
// each command runs: the keys go in on standard input, never on the command line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeIam } from '../fake-aws/iam.ts';
import { hasSecretServiceTools } from '../helpers/secret-service.ts';
import { KEY, PASSPHRASE, keysInput, keysRig } from './rig.ts';

const MFA_CODE = '864209';
const SECRETS: RegExp[] = [KEY.secret, PASSPHRASE].map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
SECRETS.push(/rotated\/secret\+\d+/, /fake-secret-\d+/, /fake-session-token-\d+/, new RegExp(`(?<!\\d)${MFA_CODE}(?!\\d)`));
const hits = (text: string) => SECRETS.filter((p) => p.test(text)).map((p) => p.source);

/** Every argv on the machine, sampled until `done` settles. */
async function sampleArgv(done: Promise<unknown>): Promise<string> {
  let finished = false;
  void done.finally(() => (finished = true));
  const seen: string[] = [];
  while (!finished) {
    seen.push((await promisify(execFile)('ps', ['-eo', 'args'], { maxBuffer: 16 * 1024 * 1024 })).stdout);
  }
  return seen.join('\n');
}

interface Step {
  args: string[];
  input?: string;
  payload?: boolean;
  exit?: number;
}

test('secrets scan: keys commands leak no secret to stderr, debug, files, stdout or argv', async (t) => {
  const keyring = hasSecretServiceTools() === undefined;
  const r = await keysRig(
    {
      '.aws/config':
        '[profile me]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n\n[profile kr]\nregion = eu-west-1\n\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = me\n',
      '.aws/credentials': `[kr]\naws_access_key_id = ${KEY.id}\naws_secret_access_key = ${KEY.secret}\n`,
    },
    { keyring },
  );
  const iam = await startFakeIam(r.aws.sts);
  iam.addUserKey(KEY.id, KEY.secret, 'stored-user');
  const env = { AWSCTL_FILE_STORE_PASSPHRASE: PASSPHRASE, AWS_ENDPOINT_URL_IAM: iam.url, AWSCTL_KEY_USABLE_TIMEOUT: '30' };
  const steps: Step[] = [
    { args: ['keys', 'add', '--profile', 'me', '--store', 'file'], input: keysInput },
    ...(keyring ? [{ args: ['keys', 'import', '--profile', 'kr'] }, { args: ['process', '--profile', 'kr'], payload: true }] : []),
    { args: ['keys', 'list'] },
    { args: ['keys', 'list', '--json'] },
    { args: ['explain', '--profile', 'dev'] },
    { args: ['process', '--profile', 'me', '--token-code', MFA_CODE], payload: true },
    { args: ['env', '--profile', 'dev'], payload: true },
    { args: ['whoami', '--profile', 'me', '--json'] },
    { args: ['exec', '--profile', 'dev', '--', process.execPath, '-e', 'process.exit(process.env.AWS_SESSION_TOKEN ? 0 : 9)'] },
    { args: ['keys', 'export', '--profile', 'me'], exit: 2 },
    { args: ['keys', 'export', '--profile', 'me', '--show-secret'], payload: true },
    { args: ['keys', 'rotate', '--profile', 'me'] },
    { args: ['process', '--profile', 'me', '--long-term-keys'], payload: true },
    { args: ['process', '--profile', 'me'], env: { AWSCTL_FILE_STORE_PASSPHRASE: 'wrong passphrase' }, exit: 1 } as Step,
    { args: ['keys', 'remove', '--profile', 'me', '--yes'] },
  ];
  try {
    for (const step of steps) {
      const label = step.args.join(' ');
      const running = r.run(['--debug', ...step.args], {
        env: { ...env, ...(step as { env?: Record<string, string> }).env },
        ...(step.input ? { input: step.input } : {}),
      });
      const argv = await sampleArgv(running);
      const result = await running;
      await t.test(label, () => {
        assert.equal(result.code, step.exit ?? 0, `${label}\n${result.stderr}`);
        assert.deepEqual(hits(result.stderr), [], `stderr of ${label}:\n${result.stderr}`);
        // --token-code puts the (one-time) MFA code on argv by the user's choice; nothing else may be there.
        assert.deepEqual(
          hits(argv).filter((p) => !p.includes(MFA_CODE)),
          [],
          `argv while ${label} ran`,
        );
        if (step.payload) assert.notDeepEqual(hits(result.stdout), [], `${label} prints what it was asked for`);
        else assert.deepEqual(hits(result.stdout), [], `stdout of ${label}:\n${result.stdout}`);
      });
    }
    await t.test('files under HOME', () => {
      const files = r.filesContaining('');
      assert.ok(files.includes('.aws/config'));
      for (const file of files) {
        if (file.startsWith('.aws/cli/cache/')) continue; // sessions, as the AWS CLI caches them
        assert.deepEqual(hits(readFileSync(join(r.home, file), 'latin1')), [], `secrets in ${file}`);
      }
      assert.deepEqual(r.filesContaining(KEY.secret), [], 'the long-term secret is in no file at all, caches included');
    });
  } finally {
    await r.close();
    await iam.close();
  }
});
