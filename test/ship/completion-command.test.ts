// `awsctl completion <shell>` prints the shipped script; an unknown shell is a usage error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Context } from '../../src/io/context.ts';
import { isAwsctlError } from '../../src/errors.ts';
import { run } from '../../src/cli/commands/completion.ts';
import { completionFile } from './shells.ts';

function fakeContext(): { ctx: Context; out: () => string } {
  let out = '';
  const ctx = { stdout: { write: (t: string) => void (out += t), isTTY: false } } as unknown as Context;
  return { ctx, out: () => out };
}
const input = (shell: string) => ({ global: { input: true, debug: false, color: false }, options: {}, args: [shell], afterDashDash: undefined });

for (const [shell, file] of [['bash', 'awsctl.bash'], ['zsh', '_awsctl'], ['fish', 'awsctl.fish'], ['powershell', 'awsctl.ps1']] as const) {
  test(`completion ${shell} prints completions/${file}`, async () => {
    const { ctx, out } = fakeContext();
    assert.equal(await run(ctx, input(shell)), 0);
    assert.equal(out(), readFileSync(completionFile(file), 'utf8'));
  });
}

test('an unknown shell is a usage error (exit 2) that lists the shells', async () => {
  const { ctx, out } = fakeContext();
  await assert.rejects(run(ctx, input('tcsh')), (error: unknown) => {
    assert.ok(isAwsctlError(error));
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /tcsh.*bash, zsh, fish, powershell/);
    return true;
  });
  assert.equal(out(), '');
});
