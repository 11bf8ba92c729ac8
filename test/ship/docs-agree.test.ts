// The README, the man page, --help and package.json tell one story (issue 15 item 15): every
// command is in the README's table and the man page; the Node range the README states is
// package.json's; the README sends readers to nothing outside the repository unexplained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/program.ts';
import { parseEnginesRange, describeRange } from '../../src/startup/node-version-guard.ts';
import { repoRoot } from '../helpers/cli.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const man = readFileSync(join(repoRoot, 'man', 'awsctl.1'), 'utf8');

test('every command is in the README table and the man page', () => {
  const table = readme.slice(readme.indexOf('| command | what it does |'));
  for (const command of buildProgram().commands) {
    const name = command.name();
    assert.match(table, new RegExp(`^\\|[^\\n]*\`${name}[ \`\\\\]`, 'm'), `README commands table lacks ${name}`);
    assert.ok(man.includes(`awsctl ${name}`), `man page lacks ${name}`);
  }
});

test('the README states the Node range of package.json engines', () => {
  const engines = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).engines.node as string;
  const [first, second] = parseEnginesRange(engines);
  assert.ok(
    readme.includes(`Node.js ${first!.version.join('.')} or later on the 20 line, or ${second!.version.slice(0, 2).join('.')} and later`),
    describeRange(parseEnginesRange(engines)),
  );
});

test('the README links nothing outside the repository', () => {
  assert.doesNotMatch(readme, /\]\(\.\.\/|`\.\.\/shared/);
});

test('AWS_CA_BUNDLE means one thing in the README and the man page: it replaces the trust store', () => {
  assert.match(readme, /AWS_CA_BUNDLE`\/`ca_bundle` \(a PEM file\) replace the built-in trust store/);
  assert.match(man, /AWS_CA_BUNDLE\n.*instead of the built-in ones/);
});
