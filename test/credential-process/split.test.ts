// The credential_process command-line splitter: table cases for the POSIX (Python shlex, as
// botocore uses on Unix) and Windows (botocore's C-runtime rules) dialects, then fuzzing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { AwsctlError } from '../../src/errors.ts';
import { missing, pythonWith } from '../helpers/tools.ts';
import { joinPosix, joinWindows, splitCommandLine, splitPosix, splitRulesFor, splitWindows } from '../../src/text/credential-process-split.ts';

const posixCases: Array<[string, string[]]> = [
  ['/opt/bin/awscreds-custom --username helen', ['/opt/bin/awscreds-custom', '--username', 'helen']],
  // The guide's Linux/macOS example.
  [
    '"/Users/Dave/path/to/credentials.sh" parameterWithoutSpaces "parameter with spaces"',
    ['/Users/Dave/path/to/credentials.sh', 'parameterWithoutSpaces', 'parameter with spaces'],
  ],
  ['\'a b\' "c d"', ['a b', 'c d']],
  ['a"b c"d', ['ab cd']],
  ['"a\\"b" "a\\\\b" "a\\$b" "a\\nb"', ['a"b', 'a\\b', 'a\\$b', 'a\\nb']],
  ["'a\\b' 'it'\\''s'", ['a\\b', "it's"]],
  ['a\\ b \\"q\\" \\\\', ['a b', '"q"', '\\']],
  ['a \'\' b ""', ['a', '', 'b', '']],
  ["a''b", ['ab']],
  ['  lead\t\ttabs\r\nand\nlines  ', ['lead', 'tabs', 'and', 'lines']],
  ['echo #not-a-comment $HOME ~ | cat; exit 1', ['echo', '#not-a-comment', '$HOME', '~', '|', 'cat;', 'exit', '1']],
  ['/päth/ünï cödé "日本 語"', ['/päth/ünï', 'cödé', '日本 語']],
  ['a\u00a0b', ['a\u00a0b']],
  ['', []],
  ['   ', []],
  // botocore on Unix reads a Windows path with shlex too: the backslashes are escapes.
  ['C:\\Path\\To\\x.cmd', ['C:PathTox.cmd']],
];

test('POSIX rules: shlex.split semantics, no shell syntax', () => {
  for (const [line, argv] of posixCases) assert.deepEqual(splitPosix(line), argv, JSON.stringify(line));
});

const windowsCases: Array<[string, string[]]> = [
  // The guide's Windows example.
  [
    '"C:\\Path\\To\\credentials.cmd" parameterWithoutSpaces "parameter with spaces"',
    ['C:\\Path\\To\\credentials.cmd', 'parameterWithoutSpaces', 'parameter with spaces'],
  ],
  ['C:\\Program Files\\helper.exe', ['C:\\Program', 'Files\\helper.exe']],
  ['"C:\\Program Files\\helper.exe" --profile "my team"', ['C:\\Program Files\\helper.exe', '--profile', 'my team']],
  ['"C:\\Users\\Zoë\\AppData\\日本\\h.exe"', ['C:\\Users\\Zoë\\AppData\\日本\\h.exe']],
  ['a\\\\b \\\\server\\share', ['a\\\\b', '\\\\server\\share']],
  ['a\\\\"b c"', ['a\\b c']],
  ['a\\\\\\"b', ['a\\"b']],
  ['a\\"b', ['a"b']],
  ['"dir\\\\" next', ['dir\\', 'next']],
  ['trailing\\\\', ['trailing\\\\']],
  ['"" a""b', ['', 'ab']],
  ["it's 'single' %PATH% $HOME", ["it's", "'single'", '%PATH%', '$HOME']],
  [' \t a\nb \t', ['a\nb']],
  ['', []],
];

test('Windows rules: only space and tab split, only " quotes, backslashes literal unless before a quote', () => {
  for (const [line, argv] of windowsCases) assert.deepEqual(splitWindows(line), argv, JSON.stringify(line));
});

test('unterminated quotes and a trailing lone backslash are AwsctlErrors that show the line', () => {
  for (const line of ['"unterminated', "'open", 'a "b', 'ends\\']) {
    assert.throws(
      () => splitPosix(line),
      (e: AwsctlError) => e instanceof AwsctlError && e.message.includes('credential_process'),
      line,
    );
  }
  assert.throws(() => splitWindows('"C:\\no end'), AwsctlError);
  assert.deepEqual(splitWindows('ends\\'), ['ends\\'], 'a trailing backslash is literal on Windows');
});

test('the platform picks the rules', () => {
  assert.equal(splitRulesFor('win32'), 'windows');
  assert.equal(splitRulesFor('linux'), 'posix');
  assert.equal(splitRulesFor('darwin'), 'posix');
  assert.deepEqual(splitCommandLine('"a b"\\x', 'windows'), ['a b\\x']);
  assert.deepEqual(splitCommandLine('"a b"\\x', 'posix'), ['a bx']);
});

test('fuzz: any string splits or fails with AwsctlError (unterminated quote or lone backslash), never anything else', () => {
  const line = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.array(fc.constantFrom('"', "'", '\\', ' ', '\t', '\n', 'a', 'é', '😀'), { maxLength: 30 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(line, (text) => {
      for (const split of [splitPosix, splitWindows]) {
        try {
          const argv = split(text);
          assert.ok(Array.isArray(argv) && argv.every((w) => typeof w === 'string'));
        } catch (error) {
          assert.ok(error instanceof AwsctlError, `${split.name} threw ${String(error)}`);
          assert.match(error.message, /never closed|lone backslash/);
        }
      }
    }),
    { numRuns: 5000 },
  );
});

test('fuzz: join then split gives back any argv, for both rule sets', () => {
  const arg = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.array(fc.constantFrom('"', "'", '\\', ' ', '\t', '\n', 'x', '-'), { maxLength: 10 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(fc.array(arg, { maxLength: 6 }), (argv) => {
      assert.deepEqual(splitPosix(joinPosix(argv)), argv);
      assert.deepEqual(splitWindows(joinWindows(argv)), argv);
    }),
    { numRuns: 5000 },
  );
});

test('fuzz: lines made only of plain words split on whitespace the same way in both dialects', () => {
  const word = fc.stringMatching(/^[A-Za-z0-9_./:=,+@-]{1,12}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.constantFrom(' ', '  ', '\t'), (words, gap) => {
      const line = words.join(gap);
      assert.deepEqual(splitPosix(line), words);
      assert.deepEqual(splitWindows(line), words);
    }),
  );
});

test('differential: 3,000 random lines split exactly as Python shlex.split (what botocore uses on Unix)', (t) => {
  const python = pythonWith('shlex');
  if (!python) return t.skip(missing('python3 is not installed (apt-get install python3)'));
  const lines = fc.sample(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.array(fc.constantFrom('"', "'", '\\', ' ', '\t', '\n', '\r', 'a', '#', '$', 'é'), { maxLength: 20 }).map((a) => a.join('')),
    ),
    { numRuns: 3000 },
  );
  const script = [
    'import json, shlex, sys',
    'out = []',
    'for line in json.load(sys.stdin):',
    '    try: out.append(shlex.split(line))',
    '    except ValueError: out.append(None)',
    'json.dump(out, sys.stdout)',
  ].join('\n');
  const result = spawnSync(python, ['-c', script], { input: JSON.stringify(lines), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, result.stderr);
  const expected = JSON.parse(result.stdout) as Array<string[] | null>;
  lines.forEach((line, i) => {
    let actual: string[] | null;
    try {
      actual = splitPosix(line);
    } catch {
      actual = null;
    }
    assert.deepEqual(actual, expected[i], JSON.stringify(line));
  });
});
