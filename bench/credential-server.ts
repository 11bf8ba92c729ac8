// `node bench/credential-server.ts [--quick]`: latency of the credential server as clients see
// it. Runs the built `awsctl serve` for a role profile against a fake STS that issues 12-second
// credentials (so refreshes happen during the run), then sends rounds of 200 concurrent
// requests, each on its own connection as SDK clients do, and prints p50/p99/max latency and
// how many answers were not 200; then the same number of requests one at a time, which shows
// the server's own cost without the client's 200 connection set-ups queueing on the same cores. Build first (npm run build). Nothing touches the real ~/.aws.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { awsctlCommand, cleanEnv, tempHome } from '../test/helpers/cli.ts';
import { startFakeSts } from '../test/fake-aws/index.ts';
import { quantile } from './lib/stats.ts';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 10 : 30;
const CONCURRENCY = 200;

function get(url: URL, token: string | undefined): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: token };
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers, agent: false }, (res) => {
      res.resume().on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject).end();
  });
}

const sts = await startFakeSts();
sts.lifetimeSeconds = 12;
sts.addKey('AKIABENCHKEY00000001', 'bench-secret');
const home = tempHome({
  '.aws/config':
    '[profile base]\naws_access_key_id = AKIABENCHKEY00000001\naws_secret_access_key = bench-secret\nregion = eu-west-1\n\n[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = base\n',
});
const [cmd, ...pre] = awsctlCommand;
const server = spawn(cmd!, [...pre, 'serve', '--profile', 'dev', '--format', 'json'], {
  env: cleanEnv(home, { AWS_ENDPOINT_URL_STS: sts.url }),
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
const variables = await new Promise<Record<string, string>>((resolve) =>
  server.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    if (out.trim().endsWith('}')) resolve(JSON.parse(out) as Record<string, string>);
  }),
);
const url = new URL(variables.AWS_CONTAINER_CREDENTIALS_FULL_URI!);
const token = variables.AWS_CONTAINER_AUTHORIZATION_TOKEN!;
const latencies: number[] = [];
let failed = 0;
const started = Date.now();
for (let round = 0; round < ROUNDS; round++) {
  const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => get(url, token)));
  for (const r of results) {
    latencies.push(r.ms);
    if (r.status !== 200) failed++;
  }
  await new Promise((resolve) => setTimeout(resolve, 600));
}
const seconds = (Date.now() - started) / 1000;
// The token check should not be measurable: right, wrong-in-the-last-character and missing
// tokens, interleaved so that load affects them alike.
const byToken: Record<'right' | 'wrong' | 'missing', number[]> = { right: [], wrong: [], missing: [] };
const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
for (let i = 0; i < ROUNDS * 50; i++) {
  byToken.right.push((await get(url, token)).ms);
  byToken.wrong.push((await get(url, wrong)).ms);
  byToken.missing.push((await get(url, undefined)).ms);
}
const sequential: number[] = [];
for (let i = 0; i < ROUNDS * CONCURRENCY; i++) {
  const r = await get(url, token);
  sequential.push(r.ms);
  if (r.status !== 200) failed++;
}
server.kill('SIGINT');
await new Promise((resolve) => server.on('close', resolve));
await sts.close();
const sorted = latencies.sort((a, b) => a - b);
const one = sequential.sort((a, b) => a - b);
const refreshes = sts.calls.filter((c) => c.action === 'AssumeRole').length - 1;
console.log(
  `credential server: ${ROUNDS} rounds of ${CONCURRENCY} concurrent requests (${sorted.length} in ${seconds.toFixed(1)} s, ${refreshes} background refreshes meanwhile)`,
);
console.log(`200 at once, latency ms: p50 ${quantile(sorted, 0.5).toFixed(2)}  p99 ${quantile(sorted, 0.99).toFixed(2)}  max ${sorted.at(-1)!.toFixed(2)}`);
console.log(`one at a time, latency ms: p50 ${quantile(one, 0.5).toFixed(2)}  p99 ${quantile(one, 0.99).toFixed(2)}  max ${one.at(-1)!.toFixed(2)}`);
console.log(`answers other than 200: ${failed}`);
const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  ).toFixed(3);
console.log(
  `token check, median ms (one at a time, ${ROUNDS * 50} each): right ${median(byToken.right)}  wrong last character ${median(byToken.wrong)}  missing ${median(byToken.missing)}`,
);
