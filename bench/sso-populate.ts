// `sso populate` against a large organization: 1,000 accounts × 3 roles on the fake portal,
// 50 ms added to every answer, a 429 TooManyRequestsException now and then plus one long burst.
//
//   node bench/sso-populate.ts [--accounts 1000] [--latency-ms 50] [--concurrency 8] [--cli]
//
// Runs the listing (real HTTP, real sleeps, the real retry layer) and the pure config planning
// in-process, and prints wall time, requests, the most requests in flight, retries and the
// 429s served. With --cli it also times the built CLI end to end (`awsctl sso populate`).
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSsoPortal } from '../test/fake-aws/index.ts';
import type { FakeAccount, RecordedRequest } from '../test/fake-aws/index.ts';
import { json } from '../test/fake-aws/server.ts';
import { runCli, tempHome } from '../test/helpers/cli.ts';
import { createHttpClient } from '../src/io/http.ts';
import { parseIni, serializeIni } from '../src/ini/parse.ts';
import { DEFAULT_LISTING_CONCURRENCY, listAccountsAndRoles } from '../src/sso/accounts.ts';
import { planPopulate } from '../src/sso/populate-plan.ts';

const option = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const accountCount = option('--accounts', 1000);
const latencyMs = option('--latency-ms', 50);
const concurrency = option('--concurrency', DEFAULT_LISTING_CONCURRENCY);
const withCli = process.argv.includes('--cli');

const accounts: FakeAccount[] = Array.from({ length: accountCount }, (_, i) => ({
  accountId: String(200000000000 + i),
  accountName: `Workload ${String(i).padStart(4, '0')} (${['prod', 'staging', 'dev'][i % 3]})`,
  emailAddress: `aws+${i}@example.com`,
  roles: ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess'],
}));

/** Every 37th request, and a burst of 25 in a row after the 400th, answer 429. */
function throttling(portal: Awaited<ReturnType<typeof startFakeSsoPortal>>): { served: () => number } {
  let seen = 0;
  let served = 0;
  const decided = new WeakMap<RecordedRequest, boolean>();
  const decide = (request: RecordedRequest): boolean => {
    if (!decided.has(request)) {
      seen++;
      decided.set(request, seen % 37 === 0 || (seen > 400 && seen <= 425));
    }
    return decided.get(request)!;
  };
  // Each scripted step is used once; keep enough queued for the whole run.
  const reply = json(429, { message: 'Rate exceeded' }, { 'x-amzn-errortype': 'TooManyRequestsException' });
  for (let i = 0; i < 2000; i++) {
    portal.script({ step: { kind: 'reply', ...reply }, match: (request) => decide(request) && ++served > 0 });
  }
  return { served: () => served };
}

async function inProcess(): Promise<void> {
  const portal = await startFakeSsoPortal({ accounts });
  portal.accessTokens.add('BENCH-TOKEN');
  portal.latencyMs = latencyMs;
  portal.pageSize = 100; // the real portal's page size for ListAccounts
  const throttled = throttling(portal);
  const http = createHttpClient({ env: {} });
  const ctx = {
    http,
    now: () => new Date(),
    random: Math.random,
    sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    debug: () => {},
  };
  try {
    const started = performance.now();
    const { accounts: listed, stats } = await listAccountsAndRoles(ctx, { endpoint: portal.url }, 'BENCH-TOKEN', { concurrency });
    const listedMs = performance.now() - started;
    const planStarted = performance.now();
    const result = planPopulate(parseIni('[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n'), {
      sessionName: 'corp',
      accounts: listed,
      prefix: '',
      region: 'eu-west-1',
      regionExplicit: false,
      prune: false,
    });
    const text = serializeIni(result.doc);
    const planMs = performance.now() - planStarted;
    const rerunStarted = performance.now();
    const rerun = planPopulate(parseIni(text), { sessionName: 'corp', accounts: listed, prefix: '', region: 'eu-west-1', regionExplicit: false, prune: true });
    const rerunMs = performance.now() - rerunStarted;
    console.log(`in-process: ${accountCount} accounts × 3 roles, ${latencyMs} ms latency, concurrency ${concurrency}`);
    console.log(`  listing wall time      ${(listedMs / 1000).toFixed(2)} s`);
    console.log(`  requests               ${stats.requests} (portal saw ${portal.requests.length})`);
    console.log(`  max in flight          ${stats.maxInFlight}`);
    console.log(`  retries                ${stats.retries} (429s served: ${throttled.served()})`);
    console.log(`  profiles planned       ${result.added.length} in ${planMs.toFixed(0)} ms (${(text.length / 1024).toFixed(0)} KB config)`);
    console.log(
      `  idempotent re-run      ${rerun.unchanged.length} unchanged, ${rerun.added.length + rerun.updated.length + rerun.removed.length} changes, ${rerunMs.toFixed(0)} ms`,
    );
    if (serializeIni(rerun.doc) !== text) throw new Error('re-run changed the file');
  } finally {
    await http.close?.();
    await portal.close();
  }
}

async function endToEnd(): Promise<void> {
  const portal = await startFakeSsoPortal({ accounts });
  portal.accessTokens.add('BENCH-TOKEN');
  portal.latencyMs = latencyMs;
  portal.pageSize = 100;
  const throttled = throttling(portal);
  const token = '{"startUrl": "https://d-1.awsapps.com/start", "region": "eu-west-1", "accessToken": "BENCH-TOKEN", "expiresAt": "2099-01-01T00:00:00Z"}';
  const home = tempHome({
    '.aws/config': '[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n',
    '.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json': token,
  });
  try {
    const started = performance.now();
    const result = await runCli(['sso', 'populate', '--sso-session', 'corp'], { home, env: { AWS_ENDPOINT_URL_SSO: portal.url }, timeoutMs: 600_000 });
    const wall = performance.now() - started;
    if (result.code !== 0) throw new Error(`awsctl failed: ${result.stderr}`);
    const profiles = (readFileSync(join(home, '.aws', 'config'), 'utf8').match(/^\[profile /gm) ?? []).length;
    console.log(`CLI end to end: ${(wall / 1000).toFixed(2)} s, ${portal.requests.length} requests, ${throttled.served()} 429s, ${profiles} profiles written`);
  } finally {
    await portal.close();
  }
}

await inProcess();
if (withCli) await endToEnd();
