// PowerShell and cmd are not on the test machines, so their formats are proved by reasoning:
// exact output for tricky values, and 10,000 random values run through small evaluators that
// follow the shells' documented rules (about_Quoting_Rules: inside '…' only the single-quote
// characters ' ‘ ’ ‚ ‛ are special, each escaped by doubling; cmd: inside "…" % and ! still
// expand and " ends the quoting). An evaluator that treats typographic quotes as quotes, as
// PowerShell does, would catch any output that lets one through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsctlError } from '../../src/errors.ts';
import type { EnvAssignments } from '../../src/output/env-values.ts';
import { formatCmd, formatPowerShell } from '../../src/output/env-formats-windows.ts';
import { sampleValues } from './quoting-values.ts';

const NAME = 'AWS_SESSION_TOKEN';
const { seed, values } = sampleValues('C:\\canary', 10_000);

function one(value: string): EnvAssignments {
  return { set: [{ name: NAME, value }], unset: [] };
}

const PS_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);

/** `$Env:K = <expr>;` where expr is '…' and [char]0xNNNN terms joined by ` + `. */
function evaluatePowerShell(line: string): { name: string; value: string } {
  const match = /^\$Env:([A-Za-z_][A-Za-z0-9_]*) = (.+);$/s.exec(line);
  assert.ok(match, `statement shape: ${JSON.stringify(line)}`);
  const expression = match[2] as string;
  let value = '';
  let i = 0;
  let first = true;
  while (i < expression.length) {
    if (!first) {
      assert.equal(expression.slice(i, i + 3), ' + ', `operator at ${i} in ${JSON.stringify(line)}`);
      i += 3;
    }
    if (PS_QUOTES.has(expression[i] as string)) {
      i++;
      for (;;) {
        assert.ok(i < expression.length, `unterminated string in ${JSON.stringify(line)}`);
        const c = expression[i] as string;
        if (PS_QUOTES.has(c)) {
          if (PS_QUOTES.has(expression[i + 1] as string)) {
            value += expression[i + 1];
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
    } else {
      assert.ok(!first, `the expression starts with a string literal, so + concatenates: ${JSON.stringify(line)}`);
      const char = /^\[char\]0x([0-9A-F]{4})/.exec(expression.slice(i));
      assert.ok(char, `term at ${i} in ${JSON.stringify(line)}`);
      value += String.fromCharCode(parseInt(char[1] as string, 16));
      i += char[0].length;
    }
    first = false;
  }
  return { name: match[1] as string, value };
}

test('powershell: exact output for tricky values', () => {
  const cases: Array<[string, string]> = [
    ["it's", "'it''s'"],
    ['$(calc) `n $Env:PATH "x"', '\'$(calc) `n $Env:PATH "x"\''],
    ['a\u2019b', "'a' + [char]0x2019 + 'b'"],
    ['\u00e9', "'' + [char]0x00E9"],
    ['\u{1F600}', "'' + [char]0xD83D + [char]0xDE00"],
    ['a\nb\r', "'a' + [char]0x000A + 'b' + [char]0x000D"],
    ['', "''"],
    ['-', "'-'"],
  ];
  for (const [value, expression] of cases) assert.equal(formatPowerShell(one(value)), `$Env:${NAME} = ${expression};\n`, JSON.stringify(value));
  assert.equal(formatPowerShell({ set: [], unset: ['AWS_PROFILE'] }), 'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue;\n');
});

test(`powershell: 10,000 random values are pure ASCII, one line each, and evaluate back exactly (seed ${seed})`, () => {
  let checked = 0;
  for (const value of values) {
    if (/\0|\p{Cs}/u.test(value)) {
      assert.throws(() => formatPowerShell(one(value)), AwsctlError);
      continue;
    }
    const text = formatPowerShell(one(value));
    assert.match(text, /^[\x20-\x7e]*\n$/, `ASCII single line for ${JSON.stringify(value)}`);
    assert.deepEqual(evaluatePowerShell(text.slice(0, -1)), { name: NAME, value }, `seed ${seed}`);
    checked++;
  }
  assert.ok(checked > 9000);
});

test('the PowerShell evaluator itself rejects unsafe output, so the property above can fail', () => {
  assert.throws(() => evaluatePowerShell(`$Env:K = 'a'b';`));
  assert.throws(() => evaluatePowerShell(`$Env:K = 'a\u2019; calc; \u2018';`), /operator|term/);
  assert.throws(() => evaluatePowerShell(`$Env:K = [char]0x0041;`), /starts with a string literal/);
});

const CMD_REFUSED = /\0|\p{Cs}|[^\x20-\x7e]|[%!^"&|<>]/u;

test('cmd: exact output, and refusal of everything cmd would interpret, with the reason', () => {
  assert.equal(formatCmd(one('wJalrXUtnFEMI/K7MDENG+bPxRfiCY=')), `set "${NAME}=wJalrXUtnFEMI/K7MDENG+bPxRfiCY="\r\n`);
  assert.equal(formatCmd(one("a b=c'(x)")), `set "${NAME}=a b=c'(x)"\r\n`);
  assert.equal(formatCmd({ set: [], unset: ['AWS_PROFILE'] }), 'set "AWS_PROFILE="\r\n');
  for (const bad of ['%PATH%', '!x!', 'a^b', 'a"b', 'a&b', 'a|b', 'a<b', 'a>b', 'a\nb', 'a\rb', '\u00e9', '\u65e5', '\t']) {
    assert.throws(
      () => formatCmd(one(`hidden${bad}`)),
      (e: AwsctlError) => e instanceof AwsctlError && /in cmd format/.test(e.message) && !e.message.includes('hidden'),
      JSON.stringify(bad),
    );
  }
});

test(`cmd: 10,000 random values are refused exactly when they hold a character cmd would interpret (seed ${seed})`, () => {
  let accepted = 0;
  for (const value of values) {
    let text: string | undefined;
    try {
      text = formatCmd(one(value));
    } catch {
      text = undefined;
    }
    assert.equal(text === undefined, CMD_REFUSED.test(value), JSON.stringify(value));
    if (text === undefined) continue;
    accepted++;
    // What cmd's `set "K=v"` stores: everything between the first = and the last quote.
    const match = /^set "([A-Z_]+)=([^"]*)"\r\n$/.exec(text);
    assert.ok(match, JSON.stringify(text));
    assert.equal(match[2], value);
  }
  assert.ok(accepted > 500, `enough cmd values were accepted to mean something (${accepted})`);
});
