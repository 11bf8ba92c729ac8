// `node bench/stampede.ts`: the cold-cache stampede and the killed lock holder.
//
// Round 1: 24 `awsctl process --profile dev` start at once on a cold cache against a fake STS
// that answers after 200 ms. The cross-process lock must turn that into ONE AssumeRole; the
// other 23 wait and read what it stored. Round 2: the same, but the process holding the lock is
// killed with SIGKILL while it waits on STS (found by the fake STS recording its request, then by
// the pid in the lock file); the others must notice the dead owner, break the lock, and still
// all succeed (one more AssumeRole). Prints the figures; exits 1 when a round misses its target.
// Build first (`npm run build`). Every process gets a temp HOME; the real ~/.aws is never used.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeSts, type FakeSts } from '../test/fake-aws/index.ts';
import { awsctlCommand, cleanEnv, repoRoot, tempHome } from '../test/helpers/cli.ts';

const PROCESSES = 24;
const LATENCY_MS = 200;
const KEY = { id: 'AKIABENCHKEY00000001', secret: 'bench-secret' };
const CONFIG = `[profile base]
aws_access_key_id = ${KEY.id}
aws_secret_access_key = ${KEY.secret}

[profile dev]
role_arn = arn:aws:iam::111122223333:role/Dev
source_profile = base
region = eu-west-1
`;

interface Outcome {
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RoundResult {
  assumeRoleCalls: number;
  successes: number;
  agreed: boolean;
  wallMs: number;
  killedPid?: number;
  failures: string[];
}

function start(home: string, sts: FakeSts): { child: ChildProcess; done: Promise<Outcome> } {
  const [cmd, ...pre] = awsctlCommand;
  const child = spawn(cmd!, [...pre, 'process', '--profile', 'dev'], {
    env: cleanEnv(home, { AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_DISABLED: 'true' }),
    cwd: home,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<Outcome>((resolve) => child.on('close', (code, signal) => resolve({ pid: child.pid ?? -1, code, signal, stdout, stderr })));
  return { child, done };
}

/** Waits until the fake STS has a request, then SIGKILLs the pid in the lock file (one of ours). */
async function killHolder(home: string, sts: FakeSts, before: number, ours: Set<number>): Promise<number> {
  const folder = join(home, '.aws', 'cli', 'cache');
  const deadline = Date.now() + 10_000;
  while (sts.requests.length === before) {
    if (Date.now() > deadline) throw new Error('no process reached STS');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const lock = existsSync(folder) ? readdirSync(folder).find((f) => f.endsWith('.lock')) : undefined;
  if (!lock) throw new Error('STS got a request but there is no lock file');
  const pid = (JSON.parse(readFileSync(join(folder, lock), 'utf8')) as { pid: number }).pid;
  if (!ours.has(pid)) throw new Error(`lock holder pid ${pid} is not one of the processes this bench started`);
  process.kill(pid, 'SIGKILL');
  return pid;
}

async function round(sts: FakeSts, killLockHolder: boolean): Promise<RoundResult> {
  const home = tempHome({ '.aws/config': CONFIG });
  try {
    const before = sts.requests.length;
    const callsBefore = sts.calls.length;
    const started = process.hrtime.bigint();
    const runs = Array.from({ length: PROCESSES }, () => start(home, sts));
    const ours = new Set(runs.map((r) => r.child.pid ?? -1));
    const killedPid = killLockHolder ? await killHolder(home, sts, before, ours) : undefined;
    const outcomes = await Promise.all(runs.map((r) => r.done));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const survivors = outcomes.filter((o) => o.pid !== killedPid);
    const ok = survivors.filter((o) => o.code === 0);
    const keys = new Set(ok.map((o) => (JSON.parse(o.stdout) as { AccessKeyId: string }).AccessKeyId));
    return {
      assumeRoleCalls: sts.calls.slice(callsBefore).filter((c) => c.action === 'AssumeRole').length,
      successes: ok.length,
      agreed: keys.size === 1,
      wallMs,
      ...(killedPid !== undefined ? { killedPid } : {}),
      failures: survivors.filter((o) => o.code !== 0).map((o) => `pid ${o.pid}: exit ${o.code ?? o.signal}: ${o.stderr.trim().slice(0, 200)}`),
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!process.env.AWSCTL_BIN && !existsSync(join(repoRoot, 'dist', 'awsctl.mjs'))) {
    process.stderr.write('bench/stampede: dist/awsctl.mjs is missing; run `npm run build` first\n');
    return 2;
  }
  const sts = await startFakeSts();
  sts.addKey(KEY.id, KEY.secret, 'arn:aws:iam::123456789012:user/bench');
  sts.latencyMs = LATENCY_MS;
  let failed = false;
  try {
    process.stdout.write(`stampede: ${PROCESSES} concurrent \`awsctl process --profile dev\`, cold cache, fake STS latency ${LATENCY_MS} ms\n`);
    const cold = await round(sts, false);
    process.stdout.write(
      `  cold cache:          AssumeRole calls ${cold.assumeRoleCalls} (target 1), successes ${cold.successes}/${PROCESSES}, same credentials ${cold.agreed ? 'yes' : 'NO'}, wall ${cold.wallMs.toFixed(0)} ms\n`,
    );
    const killed = await round(sts, true);
    process.stdout.write(
      `  lock holder killed:  pid ${killed.killedPid} SIGKILLed mid-call; AssumeRole calls ${killed.assumeRoleCalls} (the killed one's + 1), successes ${killed.successes}/${PROCESSES - 1} survivors, same credentials ${killed.agreed ? 'yes' : 'NO'}, wall ${killed.wallMs.toFixed(0)} ms\n`,
    );
    for (const failure of [...cold.failures, ...killed.failures]) process.stdout.write(`  failure: ${failure}\n`);
    failed =
      cold.assumeRoleCalls !== 1 ||
      cold.successes !== PROCESSES ||
      !cold.agreed ||
      killed.successes !== PROCESSES - 1 ||
      !killed.agreed ||
      killed.assumeRoleCalls !== 2;
  } finally {
    await sts.close();
  }
  if (failed) process.stdout.write('stampede: FAILED a target above\n');
  return failed ? 1 : 0;
}

process.exitCode = await main();
