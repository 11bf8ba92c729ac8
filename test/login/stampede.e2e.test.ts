// Many processes on a session inside its refresh window: one token call, every process gets the
// same fresh keys (the others wait on the cache lock and re-read the file). And a process killed
// with SIGKILL at any moment of a refresh never leaves a half-written session file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { awsctlCommand, cleanEnv } from '../helpers/cli.ts';
import { inSeconds, loginRig } from './rig.ts';
import { validateLoginSession } from '../../src/cache/login-session-cache.ts';

test('24 concurrent `awsctl process` on an expiring session: 1 token call, 24 successes, one set of keys', async () => {
  const r = await loginRig();
  try {
    r.signin.latencyMs = 200;
    const { file } = r.signin.seedSession({ expiresAt: inSeconds(60) });
    r.writeSession(file);
    const results = await Promise.all(Array.from({ length: 24 }, () => r.run(['process', '--profile', 'console'], {}, 60_000)));
    const failures = results.filter((x) => x.code !== 0).map((x) => x.stderr);
    assert.deepEqual(failures, []);
    assert.equal(r.signin.tokenCalls.length, 1, JSON.stringify(r.signin.tokenCalls));
    const keys = new Set(results.map((x) => (JSON.parse(x.stdout) as { AccessKeyId: string }).AccessKeyId));
    assert.equal(keys.size, 1);
    assert.deepEqual([...keys], [r.readSession().accessToken.accessKeyId]);
    assert.deepEqual(r.signin.liveRefreshTokens(), [r.readSession().refreshToken]);
  } finally {
    await r.close();
  }
});

test('SIGKILL at any point of a refresh leaves a readable session file', async () => {
  const r = await loginRig();
  try {
    r.signin.latencyMs = 40;
    const [cmd, ...pre] = awsctlCommand;
    for (let round = 0; round < 8; round++) {
      const { file } = r.signin.seedSession({ expiresAt: inSeconds(60) });
      r.writeSession(file);
      const child = spawn(cmd!, [...pre, 'process', '--profile', 'console'], { env: cleanEnv(r.home, r.env()), stdio: 'ignore' });
      const closed = new Promise((resolve) => child.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, 60 + round * 35));
      child.kill('SIGKILL');
      await closed;
      const checked = validateLoginSession(r.readSession());
      assert.ok(!('why' in checked), `round ${round}: ${'why' in checked ? checked.why : ''}`);
    }
  } finally {
    await r.close();
  }
});
