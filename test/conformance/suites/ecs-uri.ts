// smithy-rs ecs-tests.json (README §8): the container credentials URI from the environment.
// DNS is stubbed as in the Rust test: localhost → 127.0.0.1, every other name → 72.21.210.29.
import { RS, readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { resolveContainerEndpoint } from '../../../src/plan/container-endpoint.ts';
import { isPlanError } from '../../../src/plan/plan-error.ts';

interface Case {
  docs: string;
  env: Record<string, string>;
  result: { Ok: string } | { ErrorContains: string };
}

const DATA = `${RS}/aws-config/test-data/ecs-tests.json`;

async function stubLookup(host: string): Promise<string[]> {
  return host === 'localhost' ? ['127.0.0.1'] : ['72.21.210.29'];
}

async function runCase(c: Case): Promise<CaseResult> {
  const name = c.docs;
  try {
    const result = await resolveContainerEndpoint(c.env, stubLookup);
    if (result.status === 'not-configured') {
      // Rust: "No environment variables were set to configure ECS provider" = provider not enabled.
      return 'ErrorContains' in c.result && c.result.ErrorContains.includes('No environment variables')
        ? { name, status: 'pass' }
        : { name, status: 'fail', detail: `not configured (${result.reason}), expected ${JSON.stringify(c.result)}` };
    }
    if ('Ok' in c.result && result.endpoint.uri === c.result.Ok) return { name, status: 'pass' };
    return { name, status: 'fail', detail: `expected ${JSON.stringify(c.result)} got ${result.endpoint.uri}` };
  } catch (error) {
    if (!isPlanError(error)) throw error;
    const expectsInvalid = 'ErrorContains' in c.result && !c.result.ErrorContains.includes('No environment variables');
    return expectsInvalid && error.code === 'invalid-container-uri'
      ? { name, status: 'pass' }
      : { name, status: 'fail', detail: `expected ${JSON.stringify(c.result)}, got ${error.code}: ${error.message}` };
  }
}

export const suite: Suite = {
  name: 'ecs-uri (smithy-rs container endpoint)',
  data: DATA,
  async run(root) {
    const { tests } = readJson<{ tests: Case[] }>(root, DATA);
    return Promise.all(tests.map(runCase));
  },
};
