// Suite 9: the cross-SDK SSO token cache cases (Kotlin's SSO_TOKEN_CACHE_BEHAVIOR_TEST_SUITE):
// load, expiry, refresh with the refresh token, write-back of the whole file. Runs against an
// in-memory file system, a frozen clock and a scripted CreateToken; window 0 s as Kotlin does.
import type { CaseResult, Suite } from '../harness.ts';
import { describeMismatch, jsonEqual, readJson } from '../harness.ts';
import type { FileSystem } from '../../../src/io/context.ts';
import { AwsctlError } from '../../../src/errors.ts';
import { loadSsoToken, ssoTokenPath } from '../../../src/cache/sso-token-cache.ts';
import type { RefreshResponse } from '../../../src/cache/sso-token-cache.ts';

interface TokenCase {
  documentation: string;
  currentTime: string;
  cachedToken: Record<string, unknown>;
  refreshResponse?: RefreshResponse;
  expectedToken?: { token: string; expiration: string };
  expectedTokenWriteback?: Record<string, unknown>;
  expectedException?: string;
}

const DATA = 'aws-sdk-kotlin/extracted/sso-token-cache-tests.json';

function memoryFs(files: Map<string, Buffer>): FileSystem {
  return {
    readFile: (p) => files.get(p),
    stat: (p) => (files.has(p) ? { isFile: true, isDirectory: false, mode: 0o600, size: files.get(p)!.length, mtimeMs: 0 } : undefined),
    writeFileAtomic: (p, data) => void files.set(p, Buffer.from(data)),
    mkdirp: () => {},
    remove: (p) => void files.delete(p),
    readdir: () => [],
    realpath: (p) => p,
  };
}

async function runCase(c: TokenCase): Promise<CaseResult> {
  const path = ssoTokenPath('/home', { sessionName: 'test-session' });
  if (!path.endsWith('/70780fa17c57df49aa7c7f603fde6ea7a14148f2.json')) return { name: c.documentation, status: 'fail', detail: `cache path ${path}` };
  const files = new Map([[path, Buffer.from(JSON.stringify(c.cachedToken))]]);
  let refreshCalls = 0;
  try {
    const token = await loadSsoToken({
      fs: memoryFs(files),
      path,
      name: 'test-session',
      now: () => new Date(c.currentTime),
      refreshWindowSeconds: 0,
      refresh: async () => {
        refreshCalls++;
        if (!c.refreshResponse) throw new Error('unexpected CreateToken call');
        return c.refreshResponse;
      },
    });
    if (c.expectedException) return { name: c.documentation, status: 'fail', detail: `expected an error (${c.expectedException}), got a token` };
    const actual = { token: token.accessToken, expiration: token.expiresAt.toISOString().replace('.000Z', 'Z') };
    if (c.expectedToken && !jsonEqual(c.expectedToken, actual))
      return { name: c.documentation, status: 'fail', detail: describeMismatch(c.expectedToken, actual) };
    const written = JSON.parse(files.get(path)!.toString('utf8')) as unknown;
    const expectedFile = c.expectedTokenWriteback ?? c.cachedToken;
    if (!jsonEqual(expectedFile, written)) return { name: c.documentation, status: 'fail', detail: `cache file: ${describeMismatch(expectedFile, written)}` };
    if (!c.refreshResponse && refreshCalls > 0) return { name: c.documentation, status: 'fail', detail: 'refreshed a token that needed no refresh' };
    return { name: c.documentation, status: 'pass' };
  } catch (error) {
    // Kotlin's wording is its own; what must hold is "an awsctl error that says expired".
    if (c.expectedException && error instanceof AwsctlError && /expired/.test(error.message)) return { name: c.documentation, status: 'pass' };
    return { name: c.documentation, status: 'fail', detail: error instanceof Error ? error.message : String(error) };
  }
}

export const suite: Suite = {
  name: 'sso-token-cache (kotlin)',
  data: DATA,
  async run(root) {
    const { cases } = readJson<{ cases: TokenCase[] }>(root, DATA);
    const results: CaseResult[] = [];
    for (const c of cases) results.push(await runCase(c));
    return results;
  },
};
