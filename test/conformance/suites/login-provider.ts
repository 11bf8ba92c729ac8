// Suite 10 (README §12): login_session ("aws login") credentials and their cache, both copies
// (smithy-rs: SEC1 dpopKey; botocore: PKCS#8). Each case runs the planner on its config and then
// awsctl's login-session source (src/resolve/sources/login-session.ts) in a replay Context: the
// cache files in an in-memory disk under HOME=/home/user, "now" 2025-11-19T00:00:00Z, region
// us-east-2, and an HTTP client that plays the case's mockApiCalls at the wire level: it checks
// the body is the case's tokenInput and the DPoP proof verifies with the cached key, then
// answers tokenOutput (or the status code). The session lock is a no-op here: the real one
// takes a file on the real disk, outside the virtual one.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { CaseResult, Suite } from '../harness.ts';
import { describeMismatch, jsonEqual, readJson, RS } from '../harness.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../../../src/io/context.ts';
import { createCaseContext } from '../replay/case-context.ts';
import { describeError } from '../replay/run-case.ts';
import { checkDpopProof } from '../../fake-aws/signin.ts';

interface MockCall {
  request: { tokenInput: Record<string, unknown> };
  response?: { tokenOutput: Record<string, unknown> };
  responseCode?: number;
}

interface LoginCase {
  documentation: string;
  configContents: string;
  cacheContents: Record<string, Record<string, unknown>>;
  mockApiCalls?: MockCall[];
  outcomes: Array<Record<string, unknown> & { result: 'credentials' | 'error' | 'cacheContents' }>;
}

const COPIES = [`${RS}/aws-config/test-data/login-provider-test-cases.json`, 'botocore/tests/unit/login/login-provider-test-cases.json'];
const NOW = new Date('2025-11-19T00:00:00Z');
const HOME = '/home/user';
const CACHE_DIR = `${HOME}/.aws/login/cache`;

function keyThumbprint(pem: unknown): string | undefined {
  try {
    const jwk = createPublicKey(createPrivateKey(String(pem))).export({ format: 'jwk' });
    return createHash('sha256')
      .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }))
      .digest('base64url');
  } catch {
    return undefined;
  }
}

/** Plays mockApiCalls in order; records what was wrong with the requests. */
function mockSignin(c: LoginCase, problems: string[]): HttpClient & { used: number } {
  const cacheFile = Object.values(c.cacheContents)[0];
  const expectedJkt = keyThumbprint(cacheFile?.dpopKey);
  const seen = new Set<string>();
  const client = {
    used: 0,
    async send(request: HttpRequest): Promise<HttpResponse> {
      const call = c.mockApiCalls?.[client.used++];
      if (!call) {
        problems.push(`unexpected request ${request.method} ${request.url}`);
        return { status: 500, headers: {}, body: '' };
      }
      if (request.method !== 'POST' || !request.url.endsWith('/v1/token')) problems.push(`request went to ${request.method} ${request.url}`);
      if (!request.url.startsWith('https://us-east-2.signin.aws.amazon.com/')) problems.push(`not the us-east-2 sign-in endpoint: ${request.url}`);
      const body = JSON.parse(request.body ?? 'null') as unknown;
      if (!jsonEqual(call.request.tokenInput, body)) problems.push(`token request body ${describeMismatch(call.request.tokenInput, body)}`);
      const dpop = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'dpop')?.[1];
      const proof = checkDpopProof(dpop, request.url, NOW, seen);
      if ('why' in proof) problems.push(`DPoP: ${proof.why}`);
      else if (proof.jkt !== expectedJkt) problems.push('DPoP proof is not signed with the cached dpopKey');
      if (call.responseCode !== undefined && call.responseCode >= 400) return { status: call.responseCode, headers: {}, body: '' };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.response?.tokenOutput ?? {}) };
    },
  };
  return client;
}

async function runCase(c: LoginCase, label: string): Promise<CaseResult> {
  const name = `${label} › ${c.documentation}`;
  const problems: string[] = [];
  const http = mockSignin(c, problems);
  const runtime = createCaseContext({ env: { HOME, AWS_REGION: 'us-east-2' }, fsRoot: undefined, http });
  const ctx = { ...runtime.ctx, now: () => new Date(NOW.getTime()) };
  runtime.fs.mkdirp(CACHE_DIR);
  runtime.fs.writeFileAtomic(`${HOME}/.aws/config`, c.configContents);
  for (const [file, content] of Object.entries(c.cacheContents)) runtime.fs.writeFileAtomic(`${CACHE_DIR}/${file}`, JSON.stringify(content));
  const { createRunState } = await import('../../../src/resolve/resolve.ts');
  const { planCredentials } = await import('../../../src/plan/planner.ts');
  const { loginSessionSource } = await import('../../../src/resolve/sources/login-session.ts');
  let outcome: { ok: true; credentials: Record<string, unknown> } | { ok: false; error: unknown };
  try {
    const state = createRunState(ctx, { profileFlag: 'signin' });
    const plan = planCredentials({ env: ctx.env, profiles: state.profiles, profileName: 'signin', profileFromFlag: true });
    if (plan.base.kind !== 'login-session' || plan.hops.length > 0) throw new Error(`planned ${plan.base.kind}, not login-session`);
    const credentials = await loginSessionSource(state, plan.base, (_path, fn) => fn());
    outcome = { ok: true, credentials: { ...credentials, expiresAt: credentials.expiration?.toISOString().replace(/\.000Z$/, 'Z') } };
  } catch (error) {
    outcome = { ok: false, error };
  }
  for (const expected of c.outcomes) {
    if (expected.result === 'error') {
      if (outcome.ok) problems.push('expected an error, got credentials');
      else if (!(outcome.error instanceof Error) || outcome.error.name !== 'AwsctlError')
        problems.push(`failed, but not with an AwsctlError: ${describeError(outcome.error)}`);
    } else if (expected.result === 'credentials') {
      if (!outcome.ok) problems.push(`expected credentials, got ${describeError(outcome.error)}`);
      else {
        const { result: _r, ...want } = expected;
        const got = Object.fromEntries(Object.keys(want).map((k) => [k, outcome.ok ? outcome.credentials[k] : undefined]));
        if (!jsonEqual(want, got)) problems.push(`credentials: ${describeMismatch(want, got)}`);
      }
    } else {
      const { result: _r, ...files } = expected;
      for (const [file, want] of Object.entries(files)) {
        const written = runtime.fs.written(`${CACHE_DIR}/${file}`);
        const got = written ? (JSON.parse(written.toString('utf8')) as unknown) : undefined;
        if (!jsonEqual(want, got)) problems.push(`cache file ${file}: ${describeMismatch(want, got)}`);
      }
    }
  }
  if ((c.mockApiCalls?.length ?? 0) !== http.used) problems.push(`made ${http.used} token call(s), the case scripts ${c.mockApiCalls?.length ?? 0}`);
  const leaked = [
    ...Object.values(c.cacheContents).flatMap((f) => [
      String(f.refreshToken ?? ''),
      String((f.accessToken as Record<string, unknown> | undefined)?.secretAccessKey ?? ''),
    ]),
  ].filter((s) => s.length > 8);
  const said = [outcome.ok ? '' : String((outcome.error as Error).message), runtime.output.debug.join('\n'), runtime.output.stderr.join('')].join('\n');
  for (const secret of leaked) if (said.includes(secret)) problems.push('a secret from the cache reached the error or debug output');
  return problems.length === 0 ? { name, status: 'pass' } : { name, status: 'fail', detail: problems.join('; ') };
}

export const suite: Suite = {
  name: 'login-provider (smithy-rs + botocore)',
  data: COPIES[0]!,
  async run(root) {
    const results: CaseResult[] = [];
    for (const copy of COPIES) {
      const label = copy.startsWith('botocore') ? 'botocore' : 'smithy-rs';
      for (const c of readJson<LoginCase[]>(root, copy)) results.push(await runCase(c, label));
    }
    return results;
  },
};
