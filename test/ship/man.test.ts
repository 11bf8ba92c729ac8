// man/awsctl.1 renders without a single groff warning and carries every section the man page
// promises; the command list comes from program.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';
import { skipWithoutTool, which } from '../helpers/tools.ts';
import { roff } from '../../src/docgen/man-gen.ts';

const page = join(repoRoot, 'man', 'awsctl.1');
const groff = which('groff');

test('groff -ww renders the man page with no warnings', { skip: skipWithoutTool('groff', 'groff-base') }, () => {
  const run = spawnSync(groff!, ['-ww', '-man', '-Tutf8', page], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' } });
  assert.equal(run.status, 0);
  assert.equal(run.stderr, '');
  const text = run.stdout.replace(/.\x08/g, ''); // drop overstrike bold/underline
  for (const heading of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'GLOBAL OPTIONS', 'ENVIRONMENT', 'FILES', 'EXIT STATUS', 'EXAMPLES', 'SECURITY']) {
    assert.match(text, new RegExp(`^${heading}$`, 'm'), heading);
  }
  for (const command of ['awsctl env', 'awsctl sso populate', 'awsctl configure rename', 'awsctl cache clear']) assert.ok(text.includes(command), command);
  for (const words of ['AWSCTL_CACHE_REFRESH_WINDOW', '~/.aws/sso/cache/', 'credential_process = awsctl process', '130'])
    assert.ok(text.includes(words), words);
});

test('roff() neutralises control characters at the start of a line, backslashes and non-ASCII', () => {
  assert.equal(roff('.SH injected'), '\\&.SH injected');
  assert.equal(roff("'quote"), "\\&'quote");
  assert.equal(roff('a\\b'), 'a\\eb');
  assert.equal(roff('x — y'), 'x \\[u2014] y');
});

test('the man page source is ASCII', () => {
  assert.doesNotMatch(readFileSync(page, 'utf8'), /[^\x00-\x7f]/);
});
