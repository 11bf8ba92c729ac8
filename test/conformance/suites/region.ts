// aws-sdk-kotlin region-provider-chain-tests.json (README §15). The pure resolver covers the
// flag, AWS_REGION, AWS_DEFAULT_REGION and the profile and answers { next: 'imds' } otherwise;
// asking IMDS is the executor's job, so for that last step this suite plays the executor by
// reading the case's `imds` map. Cases that set JVM system properties are skipped.
import { readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { resolveRegion } from '../../../src/plan/region.ts';
import { tinyConfig } from '../../plan/profile-set.ts';

interface Case {
  name: string;
  platform: { env: Record<string, string>; props: Record<string, string>; fs: Record<string, string> };
  imds: Record<string, string>;
  region: string | null;
}

const DATA = 'aws-sdk-kotlin/extracted/region-provider-chain-tests.json';

function runCase(c: Case): CaseResult {
  const name = c.name;
  if (Object.keys(c.platform.props).length > 0)
    return { name, status: 'skip', reason: 'uses JVM system properties (aws.region), which have no awsctl equivalent' };
  const { env, fs } = c.platform;
  const configFile = env.AWS_CONFIG_FILE;
  const profiles = tinyConfig(configFile !== undefined ? (fs[configFile] ?? '') : '');
  const result = resolveRegion({ env, profile: profiles.profiles[env.AWS_PROFILE ?? 'default'] });
  const actual = result.region ?? c.imds['/latest/meta-data/placement/region'] ?? null;
  return actual === c.region
    ? { name, status: 'pass' }
    : { name, status: 'fail', detail: `expected ${String(c.region)} got ${String(actual)} (${JSON.stringify(result)})` };
}

export const suite: Suite = {
  name: 'region (kotlin region chain)',
  data: DATA,
  async run(root) {
    return readJson<Case[]>(root, DATA).map(runCase);
  },
};
