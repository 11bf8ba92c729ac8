// Running one command the way a shell or an SDK would, and timing it from spawn to exit.
// Asynchronous on purpose: the fake STS lives in this process, and spawnSync would block the
// event loop that has to answer the child's requests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Invocation {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  input?: string;
}

export interface Timed {
  ms: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runTimed(invocation: Invocation, timeoutMs = 60_000): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let exitedAt = started;
    const child = spawn(invocation.command, invocation.args, { env: invocation.env, cwd: invocation.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    // The clock stops at exit; 'close' (all output read) may come a little later.
    child.on('exit', () => (exitedAt = process.hrtime.bigint()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ ms: Number(exitedAt - started) / 1e6, code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {}).end(invocation.input ?? '');
  });
}

export interface Resources {
  maxRssKb: number;
  /** user + system CPU time of the run. */
  cpuMs: number;
  /** How they were measured. */
  via: string;
}

const GNU_TIME = '/usr/bin/time';
const BASH = '/bin/bash';
const RESOURCE_RECORDER = fileURLToPath(new URL('./resource-recorder.ts', import.meta.url));
// bash's `times` prints its children's user and system time from getrusage() to the millisecond
// (GNU time rounds CPU to 10 ms, too coarse for a 30 ms process); GNU time gives the peak RSS.
const CHILD_TIMES = 'out=$1; shift; "$@"; status=$?; times > "$out"; exit $status';

/** "0m0.018s 0m0.013s" (the children's line of `times`) → milliseconds of user + system. */
export function parseBashTimes(text: string): number | undefined {
  const line = text.trim().split('\n').pop() ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
  return parts.length === 2 ? parts[0]! + parts[1]! : undefined;
}

/**
 * Peak memory and CPU time of one run. spawn() reports no rusage for the child, so GNU time
 * (apt-get install time) measures the peak RSS, with bash's `times` for the CPU; without them a
 * preloaded module reports the child's own process.resourceUsage() at exit, which works for
 * anything Node runs (NODE_OPTIONS), not for the single binary.
 */
export async function measureResources(invocation: Invocation): Promise<Resources | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'awsctl-bench-rss-'));
  const rssFile = join(dir, 'rss');
  const timesFile = join(dir, 'times');
  try {
    if (existsSync(GNU_TIME) && existsSync(BASH)) {
      const args = ['-f', '%M', '-o', rssFile, BASH, '-c', CHILD_TIMES, 'bash', timesFile, invocation.command, ...invocation.args];
      const result = await runTimed({ ...invocation, command: GNU_TIME, args });
      const cpuMs = existsSync(timesFile) ? parseBashTimes(readFileSync(timesFile, 'utf8')) : undefined;
      if (result.code === null || cpuMs === undefined) return undefined;
      return { maxRssKb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()), cpuMs, via: 'GNU time + bash times' };
    }
    const env = { ...invocation.env, NODE_OPTIONS: `--import=${RESOURCE_RECORDER}`, AWSCTL_BENCH_USAGE_FILE: rssFile };
    await runTimed({ ...invocation, env });
    if (!existsSync(rssFile)) return undefined;
    const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; userCPUTime: number; systemCPUTime: number };
    return { maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, via: 'process.resourceUsage()' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
