// Suite 8 (README §10): the cross-SDK IMDS "extended API" cases from aws-sdk-ruby, replayed
// through awsctl's IMDS client with a scripted HttpClient. The token PUT is answered by the
// script itself (the data does not list it); every GET must match the next expectation in order,
// across both credential fetches of a case.
import { createImdsClient } from '../../../src/aws/imds.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/io/context.ts';
import { readJson, type CaseResult, type Suite } from '../harness.ts';

const DATA = 'aws-sdk-ruby/gems/aws-sdk-core/spec/fixtures/imds/test-cases.json';

interface Expectation {
  get: string;
  response: { status: number; body?: string | Record<string, unknown> };
}

interface RubyCase {
  summary: string;
  config: { ec2InstanceProfileName: string | null };
  expectations: Expectation[];
  outcomes: Array<{ result: 'credentials'; accountId?: string } | { result: 'invalid profile' }>;
}

class ScriptedImds implements HttpClient {
  private next = 0;
  readonly problems: string[] = [];
  private readonly expectations: Expectation[];
  constructor(expectations: Expectation[]) {
    this.expectations = expectations;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const path = new URL(request.url).pathname;
    if (request.method === 'PUT' && path === '/latest/api/token') return { status: 200, headers: {}, body: 'scripted-token' };
    if (request.headers['x-aws-ec2-metadata-token'] !== 'scripted-token') this.problems.push(`GET ${path} without the session token`);
    const expected = this.expectations[this.next++];
    if (!expected) {
      this.problems.push(`unexpected extra request ${request.method} ${path}`);
      return { status: 500, headers: {}, body: '' };
    }
    if (request.method !== 'GET' || path !== expected.get)
      this.problems.push(`request ${this.next}: expected GET ${expected.get}, got ${request.method} ${path}`);
    const body = expected.response.body;
    return { status: expected.response.status, headers: {}, body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body) };
  }

  unconsumed(): number {
    return this.expectations.length - this.next;
  }
}

async function runCase(c: RubyCase): Promise<string | undefined> {
  const http = new ScriptedImds(c.expectations);
  const ctx = { http, sleep: async () => undefined, random: () => 0, debug: () => undefined, now: () => new Date('2025-01-01T00:00:00Z') };
  const client = createImdsClient(ctx, { endpoint: 'http://169.254.169.254', profileName: c.config.ec2InstanceProfileName ?? undefined });
  for (const [i, outcome] of c.outcomes.entries()) {
    const result = await client.fetchCredentials().then(
      (credentials) => ({ ok: true as const, credentials }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (outcome.result === 'invalid profile') {
      if (result.ok) return `fetch ${i + 1}: expected an invalid-profile error, got credentials`;
      if (!/not found on either/.test(String(result.error))) return `fetch ${i + 1}: wrong error: ${String(result.error)}`;
      continue;
    }
    if (!result.ok) return `fetch ${i + 1}: ${String(result.error)}`;
    if (result.credentials.accountId !== outcome.accountId)
      return `fetch ${i + 1}: accountId ${String(result.credentials.accountId)}, expected ${String(outcome.accountId)}`;
    if (!result.credentials.accessKeyId || !result.credentials.secretAccessKey || !result.credentials.sessionToken)
      return `fetch ${i + 1}: incomplete credentials`;
  }
  if (http.problems.length) return http.problems.join('; ');
  if (http.unconsumed()) return `${http.unconsumed()} expected request(s) never made`;
  return undefined;
}

export const suite: Suite = {
  name: 'imds-ruby (aws-sdk-ruby)',
  data: DATA,
  async run(root: string): Promise<CaseResult[]> {
    const cases = readJson<RubyCase[]>(root, DATA);
    const results: CaseResult[] = [];
    for (const c of cases) {
      const failure = await runCase(c);
      results.push(failure ? { name: c.summary, status: 'fail', detail: failure } : { name: c.summary, status: 'pass' });
    }
    return results;
  },
};
