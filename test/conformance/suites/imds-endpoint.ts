// smithy-rs imds-endpoint-tests.json (README §9): IMDS endpoint and mode from overrides,
// environment and the profile. `fs.config` is read with the suite's tiny config reader (only
// `[default]` + `k = v` lines occur), through AWS_CONFIG_FILE as in the data.
import { RS, readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { resolveImdsSettings } from '../../../src/plan/imds-endpoint.ts';
import { isPlanError } from '../../../src/plan/plan-error.ts';
import { tinyConfig } from '../../plan/profile-set.ts';

interface Case {
  docs: string;
  env: Record<string, string>;
  fs: Record<string, string>;
  endpoint_override?: string;
  mode_override?: string;
  result: { Ok: string } | { Err: string };
}

const DATA = `${RS}/aws-config/test-data/imds-config/imds-endpoint-tests.json`;

function runCase(c: Case): CaseResult {
  const name = c.docs;
  const configFile = c.env.AWS_CONFIG_FILE;
  const profiles = tinyConfig(configFile !== undefined ? (c.fs[configFile] ?? '') : '');
  const profile = profiles.profiles[c.env.AWS_PROFILE ?? 'default'];
  try {
    const settings = resolveImdsSettings({
      env: c.env,
      profile,
      ...(c.endpoint_override !== undefined ? { endpointOverride: c.endpoint_override } : {}),
      ...(c.mode_override !== undefined ? { modeOverride: c.mode_override } : {}),
    });
    if ('Ok' in c.result && settings.tokenUrl === c.result.Ok) return { name, status: 'pass' };
    return { name, status: 'fail', detail: `expected ${JSON.stringify(c.result)} got ${settings.tokenUrl}` };
  } catch (error) {
    if (!isPlanError(error)) throw error;
    return 'Err' in c.result && error.code === 'invalid-imds-config'
      ? { name, status: 'pass' }
      : { name, status: 'fail', detail: `expected ${JSON.stringify(c.result)}, got ${error.code}: ${error.message}` };
  }
}

export const suite: Suite = {
  name: 'imds-endpoint (smithy-rs IMDS config)',
  data: DATA,
  async run(root) {
    const { tests } = readJson<{ tests: Case[] }>(root, DATA);
    return tests.map(runCase);
  },
};
