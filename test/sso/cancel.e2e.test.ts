// Ctrl-C while waiting for approval: exit 130, no token file, no lock left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws } from '../fake-aws/index.ts';
import { awsctlCommand, cleanEnv, startProcess, tempHome } from '../helpers/cli.ts';
import { SSO_CONFIG } from '../helpers/fixtures.ts';

test('SIGINT during the device flow: exit 130, nothing cached, lock released', async () => {
  const fake = await startFakeAws();
  fake.ssoOidc.devicePollSequence = Array.from({ length: 100 }, () => 'authorization_pending' as const);
  const home = tempHome({ '.aws/config': SSO_CONFIG });
  try {
    const login = startProcess([...awsctlCommand, 'login', '--profile', 'dev'], { env: cleanEnv(home, fake.env), cwd: home });
    await login.waitFor('stderr', 'FAKE-CODE'); // the device code is shown: now waiting for approval
    login.child.kill('SIGINT');
    const { code, stderr } = await login.done;
    assert.equal(code, 130);
    assert.match(stderr, /awsctl: sign-in cancelled: interrupted before it finished; nothing was written/);
    assert.deepEqual(
      readdirSync(join(home, '.aws', 'sso', 'cache')).filter(
        (name) => !/^[0-9a-f]{40}\.json$/.test(name) || name === 'ee0bfd2552fbd840c02cc48b6e823320543c450f.json',
      ),
      [],
    );
  } finally {
    await fake.close();
  }
});
