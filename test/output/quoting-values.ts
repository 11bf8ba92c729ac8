// Random values for the quoting proofs: any code point, plus dense mixes of everything that
// means something to some shell (quotes, $, backticks, backslashes, line breaks, %, !, leading
// dashes, typographic quotes, fish's reserved code points) and whole injection payloads that
// would create a canary file if any byte of them ever ran.
import fc from 'fast-check';

/** Characters and fragments that are special to at least one of sh, fish, PowerShell, cmd, dotenv. */
function specialFragments(canary: string): string[] {
  return [
    "'",
    '"',
    '$',
    '`',
    '\\',
    '\n',
    '\r',
    '\r\n',
    '\t',
    ' ',
    '%',
    '!',
    '-',
    '--',
    '-e',
    '#',
    ';',
    '&',
    '|',
    '<',
    '>',
    '(',
    ')',
    '{',
    '}',
    '[',
    ']',
    '*',
    '?',
    '~',
    '^',
    '=',
    ',',
    '@',
    '\u2018',
    '\u2019',
    '\u201A',
    '\u201B',
    '\u201C',
    '\u201D',
    '\u201E',
    '\u00A0',
    '\u0085',
    '\u2028',
    '\u2029',
    '\uFDD0',
    '\uF6C0',
    '\uFEFF',
    '\u{1F600}',
    '\u00E9',
    '\u65E5',
    '\u0111',
    '\u3042',
    '\x1b',
    '\x7f',
    '\x01',
    '\x1a',
    'a',
    'Z',
    '0',
    '$HOME',
    '${IFS}',
    '%PATH%',
    '!PATH!',
    '\\n',
    "\\'",
    "'\\''",
    "''",
    '$(',
    '$((1+1))',
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `'; touch ${canary}; '`,
    `"; touch ${canary}; "`,
    `(touch ${canary})`,
    `\ntouch ${canary}\n`,
    `';\ntouch ${canary} #`,
    `& type nul > ${canary} &`,
    `'; New-Item ${canary}; '`,
    `\u2019; New-Item ${canary}; \u2018`,
  ];
}

export function quotingValue(canary: string): fc.Arbitrary<string> {
  const fragments = fc.constantFrom(...specialFragments(canary));
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 4, arbitrary: fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join('')) },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.oneof(fragments, fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme-ascii', maxLength: 6 })), { maxLength: 10 })
        .map((parts) => parts.join('')),
    },
  );
}

/**
 * `count` values from a fresh seed each run, so the suite keeps exploring; failures print the
 * seed, and AWSCTL_TEST_SEED=<seed> replays the same values.
 */
export function sampleValues(canary: string, count: number): { seed: number; values: string[] } {
  const seed = process.env.AWSCTL_TEST_SEED ? Number(process.env.AWSCTL_TEST_SEED) : Math.floor(Math.random() * 2 ** 31);
  return { seed, values: fc.sample(quotingValue(canary), { numRuns: count, seed }) };
}
