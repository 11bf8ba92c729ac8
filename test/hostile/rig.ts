// The hostile suite's rig: fake AWS endpoints, a temp HOME, and the built CLI spawned with a
// clean environment (test/helpers/cli.ts), optionally as an unprivileged user (uid 65534) so
// that file permissions mean something when the suite runs as root. IMDS is disabled unless a
// case points it at the fake, so nothing ever probes 169.254.169.254.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAws, type FakeAws } from '../fake-aws/index.ts';
import { awsctlCommand, cleanEnv, runProcess, tempHome, type RunResult } from '../helpers/cli.ts';
import { BASE_ARN, BASE_KEY } from '../helpers/fixtures.ts';

export interface RunOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Run as uid/gid 65534 through setpriv (only meaningful when the suite runs as root). */
  asNobody?: boolean;
  input?: string;
  /** Stop reading stdout past this many bytes (a runaway output must not eat the test's memory). */
  maxOutputBytes?: number;
}

export interface Rig {
  aws: FakeAws;
  home: string;
  /** Default environment: STS at the fake, IMDS disabled. */
  run(args: string[], options?: RunOptions): Promise<RunResult & { ms: number }>;
  /** Runs at close (servers a case started itself). */
  defer(cleanup: () => Promise<void>): void;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const aws = await startFakeAws();
  aws.sts.addKey(BASE_KEY.id, BASE_KEY.secret, BASE_ARN);
  const home = tempHome();
  const cleanups: Array<() => Promise<void>> = [];
  mkdirSync(join(home, '.aws'), { recursive: true, mode: 0o700 });
  return {
    aws,
    home,
    run: (args, options = {}) => spawnCli(args, home, { AWS_ENDPOINT_URL_STS: aws.sts.url, AWS_EC2_METADATA_DISABLED: 'true', ...options.env }, options),
    defer: (cleanup) => void cleanups.push(cleanup),
    close: async () => {
      await Promise.all([aws.close(), ...cleanups.map((c) => c())]);
    },
  };
}

export async function spawnCli(
  args: string[],
  home: string,
  env: Record<string, string | undefined>,
  options: RunOptions = {},
): Promise<RunResult & { ms: number }> {
  const argv = options.asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...awsctlCommand, ...args] : [...awsctlCommand, ...args];
  const started = Date.now();
  const result = await runProcess(argv, {
    env: cleanEnv(home, env),
    cwd: home,
    maxOutputBytes: options.maxOutputBytes ?? 4 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { ...result, ms: Date.now() - started };
}

/** Makes HOME traversable and the named files readable by uid 65534 (their own modes aside). */
export function openHomeToNobody(home: string): void {
  chmodSync(home, 0o755);
  chmodSync(join(home, '.aws'), 0o755);
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** A one-line Node script file under HOME, run as `node <file>` from credential_process. */
export function writeHelper(home: string, name: string, source: string): string {
  const path = join(home, name);
  writeFileSync(path, source);
  return path;
}

/** Bounded-concurrency map that keeps order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
