// `configure rename` / `configure remove`: exact bytes in both files (headers renamed with
// their comments, every source_profile updated, other lines untouched), dependents refused
// without --force, and confirmation: --yes skips it, --no-input without --yes refuses,
// "no" changes nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { run as rename } from '../../src/cli/commands/configure-rename.ts';
import { run as remove } from '../../src/cli/commands/configure-remove.ts';
import { runCli } from '../helpers/cli.ts';
import { commandInput, testContext } from '../helpers/context.ts';
import { CONFIG_LINES, CREDENTIALS_LINES, fixtureHome, removeLines, render, replaceLine, VARIANTS } from './fixtures.ts';

for (const variant of VARIANTS) {
  test(`rename changes the headers and every source_profile, nothing else [${variant.name}]`, async () => {
    const files = fixtureHome(variant);
    const result = await runCli(['configure', 'rename', 'base', 'root', '--yes'], { home: files.home });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `awsctl: renamed profile 'base' to 'root' in ${files.config} and ${files.credentials}\n`);
    let config = replaceLine(CONFIG_LINES, '[profile base]', '[profile root]');
    config = replaceLine(config, 'source_profile = base', 'source_profile = root');
    assert.equal(readFileSync(files.config, 'utf8'), render(config, variant));
    assert.equal(readFileSync(files.credentials, 'utf8'), render(replaceLine(CREDENTIALS_LINES, '[base]', '[root]'), variant));
  });

  test(`rename keeps header comments and renames duplicate sections [${variant.name}]`, async () => {
    const files = fixtureHome(variant);
    const result = await runCli(['configure', 'rename', 'dev', 'development', '--yes'], { home: files.home });
    assert.equal(result.code, 0, result.stderr);
    let config = replaceLine(CONFIG_LINES, '[profile dev]   # header comment', '[profile development]   # header comment');
    config = replaceLine(config, '[profile dev]', '[profile development]');
    assert.equal(readFileSync(files.config, 'utf8'), render(config, variant));
    assert.equal(readFileSync(files.credentials, 'utf8'), render(replaceLine(CREDENTIALS_LINES, '[dev] ; inline', '[development] ; inline'), variant));
  });

  test(`remove --force takes the profile out of both files [${variant.name}]`, async () => {
    const files = fixtureHome(variant);
    const result = await runCli(['configure', 'remove', 'base', '--yes', '--force'], { home: files.home });
    assert.equal(result.code, 0, result.stderr);
    // The blank line before [profile base] stays: it is not part of the section.
    assert.equal(readFileSync(files.config, 'utf8'), render(removeLines(CONFIG_LINES, '[profile base]', 'region=eu-west-1'), variant));
    const credentials = removeLines(
      CREDENTIALS_LINES,
      '[base]',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    );
    assert.equal(readFileSync(files.credentials, 'utf8'), render(credentials, variant));
  });
}

test('remove refuses while another profile uses it as source_profile', async () => {
  const files = fixtureHome(VARIANTS[0]!);
  const result = await runCli(['configure', 'remove', 'base', '--yes'], { home: files.home });
  assert.equal(result.code, 1);
  assert.equal(result.stderr, "awsctl: cannot remove profile 'base': dev uses it as source_profile — change or remove those first, or pass --force\n");
  assert.equal(readFileSync(files.config, 'utf8'), render(CONFIG_LINES, VARIANTS[0]!));
});

test('rename and remove refuse unknown profiles, taken names and bad names, changing nothing', async () => {
  const files = fixtureHome(VARIANTS[0]!);
  const cases: Array<[string[], number, RegExp]> = [
    [['rename', 'nope', 'x', '--yes'], 1, /cannot rename profile 'nope': it is in neither .*config nor .*credentials/],
    [['rename', 'dev', 'base', '--yes'], 2, /profile 'base' already exists/],
    [['rename', 'dev', 'bad[name]', '--yes'], 2, /invalid section name: 'bad\[name\]' contains '\[' or '\]'/],
    [['rename', 'dev', 'two words', '--yes'], 2, /is not a name the AWS SDKs accept/],
    [['remove', 'nope', '--yes'], 1, /cannot remove profile 'nope'/],
    [['rename', 'dev', 'dev2', '--no-input'], 2, /confirmation needed: --no-input was given.* add --yes/],
    [['remove', 'dev', '--no-input'], 2, /confirmation needed/],
  ];
  for (const [args, code, message] of cases) {
    const result = await runCli(['configure', ...args], { home: files.home });
    assert.equal(result.code, code, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
  }
  assert.equal(readFileSync(files.config, 'utf8'), render(CONFIG_LINES, VARIANTS[0]!));
  assert.equal(readFileSync(files.credentials, 'utf8'), render(CREDENTIALS_LINES, VARIANTS[0]!));
});

test('rename asks first; "no" changes nothing, "yes" renames', async () => {
  const files = fixtureHome(VARIANTS[0]!);
  const declined = testContext({ home: files.home, answers: [false] });
  await assert.rejects(rename(declined, commandInput(['base', 'root'])), /nothing changed: you answered no/);
  assert.deepEqual(declined.questions, [`Rename profile 'base' to 'root' in ${files.config} and ${files.credentials}, and source_profile in dev?`]);
  assert.equal(readFileSync(files.config, 'utf8'), render(CONFIG_LINES, VARIANTS[0]!));
  const accepted = testContext({ home: files.home, answers: [true] });
  assert.equal(await rename(accepted, commandInput(['base', 'root'])), 0);
  assert.match(readFileSync(files.config, 'utf8'), /\[profile root\]/);
});

test('remove asks first and names the files', async () => {
  const files = fixtureHome(VARIANTS[0]!);
  const t = testContext({ home: files.home, answers: [true] });
  assert.equal(await remove(t, commandInput(['dev'])), 0);
  assert.deepEqual(t.questions, [`Remove profile 'dev' from ${files.config} and ${files.credentials}?`]);
  assert.doesNotMatch(readFileSync(files.config, 'utf8'), /profile dev/);
  assert.doesNotMatch(readFileSync(files.credentials, 'utf8'), /\[dev\]/);
});

test('remove re-checks dependents inside the lock (one appeared after the question)', async () => {
  const files = fixtureHome(VARIANTS[0]!, ['[profile lone]', 'region = x', ''], ['[other]', 'aws_access_key_id = AKIAEXAMPLEEXAMPLE12', '']);
  const { writeFileSync } = await import('node:fs');
  const t = testContext({ home: files.home });
  // The confirmation is where another process gets its chance: add a dependent then.
  t.prompt.confirm = async () => {
    writeFileSync(files.config, '[profile lone]\nregion = x\n[profile child]\nsource_profile = lone\n');
    return true;
  };
  await assert.rejects(remove(t, commandInput(['lone'])), /child uses it as source_profile/);
  assert.match(readFileSync(files.config, 'utf8'), /\[profile lone\]/);
});
