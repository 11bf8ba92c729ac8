// Ctrl-C while waiting for approval: exit 130, no token file, no lock left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws } from '../fake-aws/index.ts';
import { awsctlCommand, cleanEnv, tempHome } from '../helpers/cli.ts';
import { SSO_CONFIG } from '../helpers/fixtures.ts';

test('SIGINT during the device flow: exit 130, nothing cached, lock released', async () => {
  const fake = await startFakeAws();
  fake.ssoOidc.devicePollSequence = Array.from({ length: 100 }, () => 'authorization_pending' as const);
  const home = tempHome({ '.aws/config': SSO_CONFIG });
  try {
    const [cmd, ...pre] = awsctlCommand;
    const child = spawn(cmd!, [...pre, 'login', '--profile', 'dev'], { env: cleanEnv(home, fake.env), cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no prompt: ${stderr}`)), 15_000);
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('FAKE-CODE')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /awsctl: sign-in cancelled: interrupted before it finished; nothing was written/);
    assert.deepEqual(readdirSync(join(home, '.aws', 'sso', 'cache')).filter((name) => !/^[0-9a-f]{40}\.json$/.test(name) || name === 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json'), []);
  } finally {
    await fake.close();
  }
});
