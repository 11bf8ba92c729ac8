// Kotlin file-location suite (README §4, 2b): adds the language-specific home fallback
// (Node: os.homedir()), passed to the pure resolver. Kotlin expects `default` when `profile`
// is absent.
import { resolveFileLocations } from '../../../src/profile/locations.ts';
import { describeMismatch, jsonEqual, readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';

const DATA = 'aws-sdk-kotlin/extracted/file-location-tests.json';

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  languageSpecificHome?: string;
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

function runCase(c: LocationCase, index: number): CaseResult {
  const name = `${c.name} [#${index + 1} ${c.platform}]`;
  const actual = resolveFileLocations(c.environment, c.platform, c.languageSpecificHome);
  const expected = { config: c.configLocation, credentials: c.credentialsLocation, profile: c.profile ?? 'default' };
  const got = { config: actual.configFile, credentials: actual.credentialsFile, profile: actual.profileName };
  return jsonEqual(expected, got) ? { name, status: 'pass' } : { name, status: 'fail', detail: describeMismatch(expected, got) };
}

export const suite: Suite = {
  name: 'file-location (kotlin)',
  data: DATA,
  async run(root) {
    return readJson<{ tests: LocationCase[] }>(root, DATA).tests.map(runCase);
  },
};
