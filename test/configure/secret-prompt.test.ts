// `configure set <secret>` without a value asks, hidden, through ctx.prompt.secret; the
// answer goes to the credentials file and nowhere else (not stdout, not stderr).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run as set } from '../../src/cli/commands/configure-set.ts';
import { tempHome } from '../helpers/cli.ts';
import { commandInput, testContext } from '../helpers/context.ts';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('a secret without a value is asked for and written to the credentials file', async () => {
  const home = tempHome();
  const t = testContext({ home, answers: [`  ${SECRET}  `] });
  assert.equal(await set(t, commandInput(['aws_secret_access_key'], {}, { profile: 'dev' })), 0);
  assert.deepEqual(t.questions, ['aws_secret_access_key of profile dev (input hidden)']);
  assert.equal(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), `[dev]\naws_secret_access_key = ${SECRET}\n`);
  assert.equal(existsSync(join(home, '.aws', 'config')), false);
  assert.equal(t.stdoutText() + t.stderrText(), '');
});

test('an empty answer is a usage error and writes nothing', async () => {
  const home = tempHome();
  const t = testContext({ home, answers: [''] });
  await assert.rejects(
    set(t, commandInput(['aws_session_token'])),
    (e: { exitCode: number; message: string }) => e.exitCode === 2 && /the answer \(or standard input\) was empty/.test(e.message),
  );
  assert.equal(existsSync(join(home, '.aws')), false);
});

test('a secret piped on standard input is read from there, not asked for, and stays out of stdout/stderr', async () => {
  const home = tempHome();
  const t = testContext({ home, stdin: `${SECRET}\nsecond line ignored\n` });
  assert.equal(await set(t, commandInput(['aws_secret_access_key'], {}, { profile: 'dev' })), 0);
  assert.deepEqual(t.questions, []);
  assert.equal(readFileSync(join(home, '.aws', 'credentials'), 'utf8'), `[dev]\naws_secret_access_key = ${SECRET}\n`);
  assert.equal(t.stdoutText() + t.stderrText(), '');
});

test('a bad profile name is refused before anyone types a secret', async () => {
  const home = tempHome();
  const t = testContext({ home, answers: [SECRET] });
  await assert.rejects(set(t, commandInput(['aws_secret_access_key'], {}, { profile: 'a b' })), /invalid section name/);
  assert.deepEqual(t.questions, []);
});

test('a secret value that would break the file is refused without echoing it', async () => {
  const home = tempHome();
  const t = testContext({ home, answers: ['abc ;def'] });
  await assert.rejects(set(t, commandInput(['aws_secret_access_key'])), (e: Error) => /read as a comment/.test(e.message) && !e.message.includes('abc'));
});

test('a non-secret without a value is a usage error, never a prompt', async () => {
  const home = tempHome();
  const t = testContext({ home });
  await assert.rejects(set(t, commandInput(['region'])), (e: { exitCode: number }) => e.exitCode === 2);
  assert.deepEqual(t.questions, []);
});
