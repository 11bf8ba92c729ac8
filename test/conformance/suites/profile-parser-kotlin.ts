// Kotlin variant of the profile-file parser suite (README §3b): the same specification with
// property names in their written case, sub-properties as maps, and `sso-sessions`,
// `services` and `unknown` sections. Every input is also round-tripped byte for byte.
import { isAwsctlError } from '../../../src/errors.ts';
import { parseIni, serializeIni } from '../../../src/ini/parse.ts';
import type { ProfileSet, Section } from '../../../src/profile/model.ts';
import { normalize } from '../../../src/profile/normalize.ts';
import { describeMismatch, jsonEqual, readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';

const DATA = 'aws-sdk-kotlin/extracted/profile-parser-tests.json';

type Shaped = Record<string, Record<string, string | Record<string, string>>>;

interface KotlinCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output:
    | { profiles?: Shaped; 'sso-sessions'?: Shaped; services?: Record<string, Record<string, Record<string, string>>>; unknown?: Shaped }
    | { errorContaining: string };
}

/** Deliberate differences, each with the reason (see src/profile/normalize.ts). */
const SKIPS: Record<string, string> = {
  'Invalid profile names are ignored.':
    'deliberate: awsctl reads profile names as botocore (the AWS CLI) does (issue 14 item 3): `[profile in valid 2]` is skipped but a credentials-file [in valid 2] and [foo!bar] are profiles there; the Rust and Kotlin SDKs ignore them, which awsctl reports as a portability warning (test/profile/normalize.test.ts, test/differential)',
  'SSO Session in credentials file is invalid':
    'deliberate: Kotlin fails the whole file; awsctl follows smithy-rs and the AWS CLI and ignores the section with a warning (covered by test/profile/normalize.test.ts)',
};

function shape(sections: Record<string, Section>): Shaped {
  const out: Shaped = {};
  for (const [name, section] of Object.entries(sections)) {
    out[name] = Object.fromEntries(Object.values(section.properties).map((p) => [p.key, p.subProperties ? { ...p.subProperties } : p.value]));
  }
  return out;
}

function unknownSections(set: ProfileSet): Shaped {
  const out: Shaped = {};
  for (const [type, sections] of Object.entries(set.otherSections ?? {})) if (type !== 'services') Object.assign(out, shape(sections));
  return out;
}

function runCase(c: KotlinCase): CaseResult {
  if (SKIPS[c.name]) return { name: c.name, status: 'skip', reason: SKIPS[c.name] as string };
  for (const text of [c.input.configFile, c.input.credentialsFile]) {
    if (text !== undefined && serializeIni(parseIni(text)) !== text) return { name: c.name, status: 'fail', detail: 'round trip changed the input' };
  }
  let actual: unknown;
  try {
    const config = c.input.configFile === undefined ? undefined : parseIni(c.input.configFile);
    const credentials = c.input.credentialsFile === undefined ? undefined : parseIni(c.input.credentialsFile);
    const set = normalize(config, credentials, { config: '/cfg/config', credentials: '/cfg/credentials' });
    actual = {
      profiles: shape(set.profiles),
      'sso-sessions': shape(set.ssoSessions),
      services: JSON.parse(JSON.stringify(set.services)),
      unknown: unknownSections(set),
    };
  } catch (error) {
    if ('errorContaining' in c.output && isAwsctlError(error) && error.line !== undefined) return { name: c.name, status: 'pass' };
    return { name: c.name, status: 'fail', detail: `unexpected error ${String(error)}` };
  }
  if ('errorContaining' in c.output) return { name: c.name, status: 'fail', detail: `expected an error, got ${JSON.stringify(actual)}` };
  const o = c.output;
  const expected = { profiles: o.profiles ?? {}, 'sso-sessions': o['sso-sessions'] ?? {}, services: o.services ?? {}, unknown: o.unknown ?? {} };
  return jsonEqual(expected, actual) ? { name: c.name, status: 'pass' } : { name: c.name, status: 'fail', detail: describeMismatch(expected, actual) };
}

export const suite: Suite = {
  name: 'profile-parser (kotlin)',
  data: DATA,
  async run(root) {
    const { tests } = readJson<{ tests: KotlinCase[] }>(root, DATA);
    return tests.map(runCase);
  },
};
