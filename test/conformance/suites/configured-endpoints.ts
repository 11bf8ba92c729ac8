// botocore configured_endpoint_urls/profile-tests.json (README §13): endpoint_url, services
// sections, AWS_ENDPOINT_URL[_SVC] and the ignore switches. When nothing is configured the
// expected value is the SDK default, https://<service>.<region>.amazonaws.com.
import { readJson } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { defaultEndpoint } from '../../../src/plan/aws-endpoints.ts';
import { resolveConfiguredEndpoint } from '../../../src/plan/configured-endpoints.ts';
import { profileSet } from '../../plan/profile-set.ts';

interface TestSuite {
  profiles: Record<string, Record<string, string>>;
  services: Record<string, Record<string, Record<string, string>>>;
  client_configs: Record<string, { endpoint_url?: string; ignore_configured_endpoint_urls?: boolean }>;
  environments: Record<string, Record<string, string>>;
  endpointUrlTests: Array<{ name: string; profile: string; client_config: string; environment: string; service: string; output: { endpointUrl: string } }>;
}

const DATA = 'botocore/tests/functional/configured_endpoint_urls/profile-tests.json';

function runCase(data: TestSuite, test: TestSuite['endpointUrlTests'][number]): CaseResult {
  const set = profileSet({ profiles: data.profiles, services: data.services });
  const profile = set.profiles[test.profile];
  const client = data.client_configs[test.client_config] ?? {};
  const env = data.environments[test.environment] ?? {};
  const resolved = resolveConfiguredEndpoint({
    serviceId: test.service,
    env,
    profile,
    services: set.services,
    clientEndpoint: client.endpoint_url,
    clientIgnoreConfigured: client.ignore_configured_endpoint_urls === true,
  });
  const region = data.profiles[test.profile]?.region ?? 'us-east-1';
  const actual = resolved.url ?? defaultEndpoint(test.service, region, { fips: false, dualStack: false });
  return actual === test.output.endpointUrl
    ? { name: test.name, status: 'pass' }
    : { name: test.name, status: 'fail', detail: `expected ${test.output.endpointUrl} got ${actual} (${JSON.stringify(resolved)})` };
}

export const suite: Suite = {
  name: 'configured-endpoints (botocore)',
  data: DATA,
  async run(root) {
    const file = readJson<{ testSuites: TestSuite[] }>(root, DATA);
    return file.testSuites.flatMap((data) => data.endpointUrlTests.map((test) => runCase(data, test)));
  },
};
