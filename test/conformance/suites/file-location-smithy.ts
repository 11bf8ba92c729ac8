// smithy-rs file-location suite (README §4): every case, whatever the host OS, through the
// pure resolver. Rust skips the profile check when `profile` is absent.
import { resolveFileLocations } from '../../../src/profile/locations.ts';
import { describeMismatch, jsonEqual, readJson, RS } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';

const DATA = `${RS}/aws-runtime/test-data/file-location-tests.json`;

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  platform: 'linux' | 'windows';
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

function runCase(c: LocationCase, index: number): CaseResult {
  const name = `${c.name} [#${index + 1} ${c.platform}]`;
  const actual = resolveFileLocations(c.environment, c.platform, undefined);
  const expected = { config: c.configLocation, credentials: c.credentialsLocation, profile: c.profile ?? actual.profileName };
  const got = { config: actual.configFile, credentials: actual.credentialsFile, profile: actual.profileName };
  return jsonEqual(expected, got) ? { name, status: 'pass' } : { name, status: 'fail', detail: describeMismatch(expected, got) };
}

export const suite: Suite = {
  name: 'file-location (smithy-rs)',
  data: DATA,
  async run(root) {
    return readJson<{ tests: LocationCase[] }>(root, DATA).tests.map(runCase);
  },
};
