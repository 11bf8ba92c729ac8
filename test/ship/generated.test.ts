// The shipped completion scripts and man page must be exactly what the generator makes from
// the current command definitions; a new option without `npm run gen` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles, repoRoot } from '../../scripts/gen-docs.ts';

const files = generatedFiles();

test('the generator produces the four completion scripts and the man page', () => {
  assert.deepEqual(Object.keys(files).sort(), [
    'completions/_awsctl',
    'completions/awsctl.bash',
    'completions/awsctl.fish',
    'completions/awsctl.ps1',
    'man/awsctl.1',
  ]);
});

for (const [path, content] of Object.entries(files)) {
  test(`${path} matches the generator (run \`npm run gen\` after changing src/cli/program.ts)`, () => {
    assert.equal(readFileSync(join(repoRoot, path), 'utf8'), content);
  });
}

test('every command and option of the program appears in every completion script', async () => {
  const { buildProgram } = await import('../../src/cli/program.ts');
  const { completionSpec } = await import('../../src/docgen/completion-gen.ts');
  const spec = completionSpec(buildProgram());
  for (const [path, content] of Object.entries(files)) {
    if (!path.startsWith('completions/')) continue;
    for (const command of spec.commands) {
      for (const sub of command.subcommands) assert.ok(content.includes(sub.name), `${path} lacks ${sub.name}`);
      for (const option of command.options)
        for (const name of option.names) {
          const needle = path.endsWith('.fish') ? (name.startsWith('--') ? `-l ${name.slice(2)}` : `-s ${name.slice(1)}`) : name;
          assert.ok(content.includes(needle), `${path} lacks ${name} of '${command.path}'`);
        }
    }
  }
});
