// The start-up fast path reads the argv of `process` and `env` without commander
// (src/startup/fast-argv.ts). It must agree with commander (src/cli/program.ts) on every argv
// it accepts, handing the command module exactly what commander's action would, and fall back
// (undefined) on everything else, above all on whatever commander refuses. Commander is the
// judge: each argv is parsed by the real program with every action replaced by a recorder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommanderError, type Command } from 'commander';
import fc from 'fast-check';
import { buildProgram } from '../../src/cli/program.ts';
import { globalOptionsOf, type GlobalOptions } from '../../src/cli/global-options.ts';
import { readFastInvocation } from '../../src/startup/direct-argv.ts';

type Verdict = { kind: 'action'; command: string; global: GlobalOptions; options: Record<string, unknown>; args: string[] } | { kind: 'refused'; code: string };

/** The options a command declares itself; the global ones reach it as input.global. */
const GLOBAL_KEYS = new Set(['profile', 'region', 'input', 'debug', 'color']);

function quiet(command: Command, record: (verdict: Verdict) => void): void {
  command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  command.action((...params: unknown[]) => {
    const self = params[params.length - 1] as Command;
    const own = self.options.map((o) => o.attributeName()).filter((key) => !GLOBAL_KEYS.has(key));
    const opts = self.opts();
    const options = Object.fromEntries(own.filter((key) => opts[key] !== undefined).map((key) => [key, opts[key]]));
    const path: string[] = [];
    for (let c: Command | null = self; c?.parent; c = c.parent) path.unshift(c.name());
    record({ kind: 'action', command: path.join(' '), global: globalOptionsOf(self), options, args: self.args });
  });
  for (const sub of command.commands) quiet(sub, record);
}

function commanderVerdict(argv: readonly string[]): Verdict {
  const program = buildProgram();
  let verdict: Verdict | undefined;
  quiet(program, (v) => (verdict = v));
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'refused', code: error.code };
    throw error;
  }
  return verdict ?? { kind: 'refused', code: 'no action ran' };
}

/** The invariant, for one argv: fast means exactly what commander does; anything else falls back. */
function checkAgreement(argv: readonly string[]): 'fast' | 'fallback' {
  const fast = readFastInvocation(argv);
  const judge = commanderVerdict(argv);
  const label = JSON.stringify(argv);
  if (fast === undefined) return 'fallback';
  assert.equal(judge.kind, 'action', `${label}: the fast path accepted what commander refuses (${judge.kind === 'refused' ? judge.code : ''})`);
  if (judge.kind !== 'action') return 'fast';
  assert.equal(fast.command, judge.command, `${label}: command`);
  assert.deepEqual(fast.input.global, judge.global, `${label}: global options`);
  assert.deepEqual(fast.input.options, judge.options, `${label}: command options`);
  assert.deepEqual(fast.input.args, judge.args, `${label}: arguments`);
  assert.equal(fast.input.afterDashDash, undefined, `${label}: nothing after --`);
  return 'fast';
}

// Every row: what the fast path must do with it. "fast" rows are also held equal to commander;
// "fallback" rows include what commander refuses and what only commander should handle.
const table: Array<[argv: string[], expected: 'fast' | 'fallback']> = [
  [['process'], 'fast'],
  [['env'], 'fast'],
  [['process', '--profile', 'dev'], 'fast'],
  [['process', '--profile=dev'], 'fast'],
  [['process', '--profile', 'a=b'], 'fast'],
  [['process', '--profile=a=b'], 'fast'],
  [['process', '--profile', 'x', '--profile', 'y'], 'fast'],
  [['process', '--region', 'eu-west-1', '--no-input', '--no-color'], 'fast'],
  [['process', '--region', ' padded '], 'fast'],
  [['env', '--format', 'fish'], 'fast'],
  [['env', '--format=json', '--unset'], 'fast'],
  [['env', '--unset', '--unset'], 'fast'],
  [['env', '--format', 'sh', '--format', 'dotenv'], 'fast'],
  [['env', '--format', 'powershell', '--profile', 'p', '--region', 'r'], 'fast'],
  [['env', '--format', 'cmd'], 'fast'],
  [['env', '--no-input', '--profile=dev', '--format=fish'], 'fast'],
  // commander refuses these: the fast path must not answer them
  [['process', '--format', 'sh'], 'fallback'],
  [['process', '--unset'], 'fallback'],
  [['env', '--format', 'bogus'], 'fallback'],
  [['env', '--format', 'SH'], 'fallback'],
  [['env', '--format'], 'fallback'],
  [['process', '--profile'], 'fallback'],
  [['process', 'extra'], 'fallback'],
  [['env', '--color'], 'fallback'],
  [['env', '--pro', 'dev'], 'fallback'],
  [['env', '--unset=yes'], 'fallback'],
  [['process', '-x'], 'fallback'],
  // commander accepts these; only the full CLI handles them
  [['process', '--debug'], 'fallback'],
  [['process', '--help'], 'fallback'],
  [['env', '-h'], 'fallback'],
  [['process', '--token-code', '123456'], 'fallback'],
  [['process', '--token-code=123456'], 'fallback'],
  [['env', '--'], 'fallback'],
  [['process', '--profile', ''], 'fallback'],
  [['process', '--profile=  '], 'fallback'],
  [['process', '--profile', '-'], 'fallback'],
  [['process', '--profile', '--no-input'], 'fallback'],
  [['--profile', 'dev', 'process'], 'fallback'],
  [['--no-input', 'env'], 'fallback'],
  [['whoami'], 'fallback'],
  [['proc'], 'fallback'],
  [['Process'], 'fallback'],
  [['-V'], 'fallback'],
  [[], 'fallback'],
];

for (const [argv, expected] of table) {
  test(`fast-path argv ${JSON.stringify(argv)}: ${expected}`, () => {
    assert.equal(checkAgreement(argv), expected);
  });
}

// Words the two readers could disagree on, in every order two at a time after each command,
// then random longer lines: wherever the fast path answers, commander answers the same.
const WORDS = [
  '--profile',
  'dev',
  '--profile=dev',
  '--profile=',
  '--region',
  'eu-west-1',
  '--region=us-east-1',
  '--format',
  'fish',
  'json',
  '--format=sh',
  '--format=bogus',
  '--unset',
  '--no-input',
  '--no-color',
  '--debug',
  '--token-code',
  '123456',
  '--help',
  '--',
  '-',
  '',
  ' ',
  '--color',
  'x=y',
  '-p',
];

test('every pair of words after process, env and whoami: the fast path agrees with commander or falls back', () => {
  let fast = 0;
  let total = 0;
  for (const command of ['process', 'env', 'whoami']) {
    for (const a of WORDS) {
      for (const b of WORDS) {
        total++;
        if (checkAgreement([command, a, b]) === 'fast') fast++;
      }
    }
  }
  assert.ok(fast > 50, `the fast path answered only ${fast} of ${total} lines`);
});

test('random lines of up to six words: the fast path agrees with commander or falls back', () => {
  fc.assert(
    fc.property(fc.constantFrom('process', 'env'), fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), (command, rest) => {
      checkAgreement([command, ...rest]);
    }),
    { numRuns: 400 },
  );
});
