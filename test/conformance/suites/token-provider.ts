// Suite 4c (README §6.3): SSO bearer-token resolution from the selected profile's sso_session,
// read from ~/.aws/sso/cache/sha1(<session>).json in the case's virtual file system, with no
// HTTP allowed. Compared exactly: {token, expiration} with expiration as RFC 3339 seconds.
import { join } from 'node:path';
import { describeMismatch, jsonEqual, RS } from '../harness.ts';
import type { CaseResult, Suite } from '../harness.ts';
import { createCaseContext } from '../replay/case-context.ts';
import { caseSecrets, listCaseDirs, loadE2eCase, secretLeaks } from '../replay/e2e-case.ts';
import { createReplayingHttpClient, RUST_RULES } from '../replay/replaying-http.ts';
import { describeError } from '../replay/run-case.ts';
import { resolveProfileSsoToken } from '../replay/sso-token.ts';

const DATA = `${RS}/aws-config/test-data/default-token-provider-chain`;

async function runCase(dir: string): Promise<CaseResult> {
  const c = loadE2eCase(dir, 'rust');
  const http = createReplayingHttpClient(c.exchanges, RUST_RULES);
  const runtime = createCaseContext({ env: c.env, fsRoot: c.fsRoot, http });
  const problems: string[] = [];
  let errorText = '';
  try {
    const token = await resolveProfileSsoToken(runtime.ctx);
    const actual = { token: token.accessToken, expiration: token.expiresAt.toISOString().replace(/\.000Z$/, 'Z') };
    if (c.expected.kind === 'error') problems.push(`expected a failure (SDK: "${c.expected.contains}"), got a token`);
    else if (!jsonEqual(c.expected.value, actual)) problems.push(describeMismatch(c.expected.value, actual));
  } catch (error) {
    errorText = error instanceof Error ? error.message : String(error);
    if (c.expected.kind === 'ok') problems.push(`expected a token, got ${describeError(error)}`);
  }
  problems.push(...http.verify({ expectError: c.expected.kind === 'error' }));
  problems.push(
    ...secretLeaks(
      caseSecrets(c, (p) => runtime.fs.readFile(p)),
      { 'the error message': errorText, 'debug output': runtime.output.debug.join('\n') },
    ),
  );
  if (runtime.fs.writes.length > 0) problems.push(`wrote ${runtime.fs.writes.join(', ')} although the token needed no refresh`);
  return problems.length === 0 ? { name: c.name, status: 'pass' } : { name: c.name, status: 'fail', detail: problems.join('; ') };
}

export const suite: Suite = {
  name: 'e2e-token-provider (smithy-rs)',
  data: DATA,
  async run(root) {
    const results: CaseResult[] = [];
    for (const dir of listCaseDirs(join(root, DATA))) results.push(await runCase(dir));
    return results;
  },
};
