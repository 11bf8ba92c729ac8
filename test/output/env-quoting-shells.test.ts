// The quoting proof: 10,000 random values per format, printed by awsctl's formatters and
// evaluated by the real consumers (bash, dash, zsh, zsh with RC_QUOTES, fish; dotenv through
// sh and Node's own dotenv reader; JSON.parse). Every value must come back byte for byte, the
// shell must report no error, and a canary file that any escaped payload would create must
// never appear. Values are run in batches of 500 per shell process to keep the suite fast.
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { credentialEnvironment, type EnvAssignments } from '../../src/output/env-values.ts';
import { formatDotenv, formatEnvJson, formatFish, formatSh } from '../../src/output/env-formats.ts';
import { sampleValues } from './quoting-values.ts';
import { missing, which } from '../helpers/tools.ts';

const COUNT = 10_000;
const BATCH = 500;
const NAME = 'AWS_SECRET_ACCESS_KEY';
const work = mkdtempSync(join(tmpdir(), 'awsctl-quoting-'));
const canary = join(work, 'canary');
const { seed, values } = sampleValues(canary, COUNT);
const representable = values.filter((v) => !/\0|\p{Cs}/u.test(v));
after(() => rmSync(work, { recursive: true, force: true }));
const shellEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, XDG_CONFIG_HOME: work, XDG_DATA_HOME: work, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

function one(value: string): EnvAssignments {
  return { set: [{ name: NAME, value }], unset: [] };
}

interface Shell {
  label: string;
  program: string;
  args: string[];
  prelude: string;
  format: (assignments: EnvAssignments) => string;
}

const PRINT = `printf '%s\\0' "$${NAME}"`;
const SHELLS: Shell[] = [
  { label: 'bash', program: 'bash', args: ['--norc', '--noprofile'], prelude: '', format: formatSh },
  { label: 'dash', program: 'dash', args: [], prelude: '', format: formatSh },
  { label: 'zsh', program: 'zsh', args: ['-f'], prelude: '', format: formatSh },
  // RC_QUOTES makes '' inside single quotes a literal quote: the '\'' form must not trip on it.
  { label: 'zsh with RC_QUOTES', program: 'zsh', args: ['-f'], prelude: 'setopt rc_quotes\n', format: formatSh },
  { label: 'fish', program: 'fish', args: ['--no-config'], prelude: '', format: formatFish },
];

const installed = (program: string): boolean => which(program) !== undefined;

function runScript(program: string, args: string[], script: string, file: string): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  writeFileSync(file, script);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, file], { env: shellEnv, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** Runs `batch` through one shell process and checks each value came back exactly, and exported. */
async function checkBatch(shell: Shell, batch: string[], index: number): Promise<void> {
  const body = batch.map((value) => `${shell.format(one(value))}${PRINT}\n`).join('');
  // The last value must also reach a child process's environment (export, not just a variable).
  const script = `${shell.prelude}${body}env -0\n`;
  const { code, stdout, stderr } = await runScript(shell.program, shell.args, script, join(work, `${shell.label.replace(/\W/g, '_')}-${index}.sh`));
  const where = `${shell.label}, batch ${index}, seed ${seed} (AWSCTL_TEST_SEED=${seed} replays)`;
  assert.equal(stderr, '', `${where}: the shell reported an error`);
  assert.equal(code, 0, `${where}: exit status`);
  let offset = 0;
  for (const value of batch) {
    const end = stdout.indexOf(0, offset);
    const actual = end === -1 ? stdout.subarray(offset) : stdout.subarray(offset, end);
    assert.ok(actual.equals(Buffer.from(value, 'utf8')), `${where}: ${JSON.stringify(value)} came back as ${JSON.stringify(actual.toString('utf8'))}`);
    offset = end + 1;
  }
  const exported = stdout
    .subarray(offset)
    .toString('utf8')
    .split('\0')
    .find((entry) => entry.startsWith(`${NAME}=`));
  assert.equal(exported, `${NAME}=${batch.at(-1)}`, `${where}: the last value is exported to child processes`);
  assert.ok(!existsSync(canary), `${where}: a payload ran (canary file exists)`);
}

async function checkAll(t: TestContext, shell: Shell, candidates: string[]): Promise<void> {
  if (!installed(shell.program)) {
    t.skip(missing(`${shell.program} is not installed (apt-get install ${shell.program})`));
    return;
  }
  rmSync(canary, { force: true });
  const batches: string[][] = [];
  for (let i = 0; i < candidates.length; i += BATCH) batches.push(candidates.slice(i, i + BATCH));
  // Two shell processes at a time: the machine is shared.
  for (let i = 0; i < batches.length; i += 2) {
    await Promise.all(batches.slice(i, i + 2).map((batch, j) => checkBatch(shell, batch, i + j)));
  }
}

test(`the generator really produces hostile values (seed ${seed})`, () => {
  assert.equal(values.length, COUNT);
  for (const needle of ["'", '"', '$(', '`', '\\', '\n', '\r', '%', '!', '\u2019', `touch ${canary}`]) {
    assert.ok(values.filter((v) => v.includes(needle)).length > 50, `${JSON.stringify(needle)} appears often`);
  }
  assert.ok(
    values.some((v) => v.startsWith('-')),
    'leading dashes',
  );
  assert.ok(
    values.some((v) => /[^\u0000-\uffff]/u.test(v)),
    'astral code points',
  );
  assert.ok(
    values.some((v) => v.includes('\0')),
    'NUL bytes (refused, checked below)',
  );
});

for (const shell of SHELLS) {
  test(`${shell.label}: ${COUNT} random values round-trip byte for byte, nothing runs`, async (t) => {
    await checkAll(t, shell, representable);
  });
}

test('sh and fish refuse exactly the values that contain NUL or a lone surrogate', () => {
  for (const value of values) {
    const refusable = /\0|\p{Cs}/u.test(value);
    for (const format of [formatSh, formatFish, formatEnvJson]) {
      let refused = false;
      try {
        format(one(value));
      } catch {
        refused = true;
      }
      assert.equal(refused, refusable, `${format.name} on ${JSON.stringify(value)}`);
    }
  }
});

const DOTENV_REFUSED = /\0|\p{Cs}|["\\$`\x00-\x1f\x7f]/u;

test("dotenv: refuses exactly the documented characters; the rest reads back through Node's dotenv parser", () => {
  let accepted = 0;
  for (const value of values) {
    let text: string | undefined;
    try {
      text = formatDotenv(one(value));
    } catch {
      text = undefined;
    }
    assert.equal(text === undefined, DOTENV_REFUSED.test(value), `dotenv on ${JSON.stringify(value)} (seed ${seed})`);
    if (text === undefined) continue;
    accepted++;
    assert.equal(parseEnv(text)[NAME], value, `parseEnv of ${JSON.stringify(text)} (seed ${seed})`);
  }
  assert.ok(accepted > 1000, `enough dotenv values were accepted to mean something (${accepted})`);
});

test('dotenv: accepted values also read back exactly when the file is sourced by sh (set -a)', async (t) => {
  const accepted = values.filter((v) => !DOTENV_REFUSED.test(v));
  await checkAll(t, { label: 'dotenv via dash', program: 'dash', args: [], prelude: 'set -a\n', format: formatDotenv }, accepted);
});

test('json: every representable value parses back exactly', () => {
  for (const value of representable) {
    assert.equal(JSON.parse(formatEnvJson(one(value)))[NAME], value, `seed ${seed}`);
  }
});

// The ways people actually use the output: `eval "$(awsctl env)"`, the common unquoted
// `eval $(awsctl env)` (the shell joins the lines with spaces: each line's `;` keeps the
// commands apart), and fish's `awsctl env --format fish | source` and `eval (…)`.
const realistic = credentialEnvironment(
  { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'wJalr/K7MDENG+bPxRfiCY', sessionToken: 'IQoJb3Jp+Zz/9==', expiration: new Date('2026-11-21T12:00:00Z') },
  'eu-west-1',
);
const expected = ['ASIAEXAMPLE', 'wJalr/K7MDENG+bPxRfiCY', 'IQoJb3Jp+Zz/9==', '2026-11-21T12:00:00Z', 'eu-west-1', 'eu-west-1', 'unset', 'unset'];
const SHOW =
  'AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION AWS_REGION AWS_DEFAULT_REGION AWS_PROFILE AWS_DEFAULT_PROFILE';

for (const [program, args] of [
  ['bash', ['--norc', '--noprofile']],
  ['dash', []],
  ['zsh', ['-f']],
] as const) {
  for (const evalForm of ['eval "$(cat "$1")"', 'eval $(cat "$1")']) {
    test(`${program}: ${evalForm} sets the credentials and clears AWS_PROFILE`, async (t) => {
      if (!installed(program)) return t.skip(missing(`${program} is not installed (apt-get install ${program})`));
      writeFileSync(join(work, 'env.out'), formatSh(realistic));
      const script = `AWS_PROFILE=stale; AWS_DEFAULT_PROFILE=stale; export AWS_PROFILE AWS_DEFAULT_PROFILE\nset -- env.out\n${evalForm}\nfor v in ${SHOW}; do eval "printf '%s\\\\n' \\"\\\${$v-unset}\\""; done\n`;
      const { code, stdout, stderr } = await runScript(program, [...args], script, join(work, `${program}-eval.sh`));
      assert.equal(stderr, '');
      assert.equal(code, 0);
      assert.deepEqual(stdout.toString().trimEnd().split('\n'), expected);
    });
  }
}

for (const form of ['cat env.fish | source', 'eval (cat env.fish)']) {
  test(`fish: ${form} sets the credentials and clears AWS_PROFILE`, async (t) => {
    if (!installed('fish')) return t.skip(missing('fish is not installed (apt-get install fish)'));
    writeFileSync(join(work, 'env.fish'), formatFish(realistic));
    const script = `set -gx AWS_PROFILE stale; set -gx AWS_DEFAULT_PROFILE stale\n${form}\nfor v in ${SHOW}; if set -q $v; printf '%s\\n' $$v; else; echo unset; end; end\n`;
    const { code, stdout, stderr } = await runScript('fish', ['--no-config'], script, join(work, 'run.fish'));
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.deepEqual(stdout.toString().trimEnd().split('\n'), expected);
  });
}
