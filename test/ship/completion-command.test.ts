// `awsctl completion <shell>` prints the shipped script; an unknown shell is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isAwsctlError } from '../../src/errors.ts';
import { run } from '../../src/cli/commands/completion.ts';
import { completionFile } from './shells.ts';
import { commandInput, testContext } from '../helpers/context.ts';

const input = (shell: string) => commandInput([shell], {}, { input: true, debug: false, color: false });

for (const [shell, file] of [
  ['bash', 'awsctl.bash'],
  ['zsh', '_awsctl'],
  ['fish', 'awsctl.fish'],
  ['powershell', 'awsctl.ps1'],
] as const) {
  test(`completion ${shell} prints completions/${file}`, async () => {
    const ctx = testContext();
    assert.equal(await run(ctx, input(shell)), 0);
    assert.equal(ctx.stdoutText(), readFileSync(completionFile(file), 'utf8'));
  });
}

test('an unknown shell is a usage error (exit 2) that lists the shells', async () => {
  const ctx = testContext();
  await assert.rejects(run(ctx, input('tcsh')), (error: unknown) => {
    assert.ok(isAwsctlError(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /tcsh.*bash, zsh, fish, powershell/);
    return true;
  });
  assert.equal(ctx.stdoutText(), '');
});
