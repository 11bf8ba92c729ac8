// `npm run bench`: start-up cost of awsctl's commands against `node -e 0` measured in the same
// run, what a cached `awsctl process` loads, the cold-cache stampede, profile-file parse
// scaling, and the other benches in bench/. Every spawned CLI gets a temp HOME and a clean
// environment; nothing here reads or writes the real ~/.aws. See bench/lib/options.ts for flags.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeSts, type FakeSts } from '../test/fake-aws/index.ts';
import { repoRoot } from '../test/helpers/cli.ts';
import { runExternalBenches } from './cases/external.ts';
import { measureParseScaling } from './cases/parse-scaling.ts';
import { startupCases } from './cases/startup.ts';
import { runStampede } from './cases/stampede.ts';
import { BASE_KEYS, CACHED_PROFILE, makeHomes, type HomeSet } from './lib/fixtures.ts';
import { measureInterleaved, type TimedCase } from './lib/interleave.ts';
import { describeChunks, heavyInputs, traceLoads } from './lib/load-trace.ts';
import { parseBenchArgs, type BenchOptions } from './lib/options.ts';
import { renderMarkdown, renderText, type BenchReport, type Machine, type StartupRow } from './lib/report.ts';
import { measureResources } from './lib/spawn.ts';
import { summarize } from './lib/stats.ts';
import { pairedRatio } from './lib/stats.ts';
import { baselineInvocation, binaryTarget, invoke, scriptTarget, type Target } from './lib/targets.ts';

function describeMachine(): Machine {
  let cpu = 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    commit: describeCommit(),
    cpu,
    cores: availableParallelism(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadBefore: loadavgText(),
  };
}

/** The commit measured, so that RESULTS.md says which code its figures belong to. */
function describeCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = `\`${git('rev-parse', '--short=12', 'HEAD')}\` (${git('log', '-1', '--format=%cs')})`;
    return git('status', '--porcelain', '--untracked-files=no') === '' ? commit : `${commit} + uncommitted changes`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const loadavgText = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const progress = (label: string) => (done: number, total: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
  else if (done === total) process.stderr.write(`${label}: ${total} done\n`);
};

async function binaryTargets(options: BenchOptions): Promise<Target[]> {
  const withCache = join(repoRoot, 'build', 'awsctl');
  if (options.binary) {
    const { buildSea } = await import('../scripts/package.ts');
    const withoutCache = join(repoRoot, 'build', 'awsctl-no-code-cache');
    const withSnapshot = join(repoRoot, 'build', 'awsctl-startup-snapshot');
    process.stderr.write('building the single binary with and without code cache, and with a startup snapshot…\n');
    await buildSea({ out: withCache, useCodeCache: true });
    await buildSea({ out: withoutCache, useCodeCache: false });
    await buildSea({ out: withSnapshot, useCodeCache: true, startupSnapshot: true });
    // Without an embedded cache the binary would train one into the temp HOME on its first run
    // (src/startup/code-cache.ts); Node's switch keeps this row what its name says.
    return [
      binaryTarget(withCache, 'binary'),
      binaryTarget(withoutCache, 'binary, no code cache', { NODE_DISABLE_COMPILE_CACHE: '1' }),
      binaryTarget(withSnapshot, 'binary, startup snapshot'),
    ];
  }
  return existsSync(withCache) && !options.scriptOnly ? [binaryTarget(withCache, 'binary, prebuilt')] : [];
}

/** The binaries get the cases where start-up dominates; the script gets all of them. */
function casesFor(target: Target, homes: HomeSet, fakeEnv: Record<string, string>): TimedCase[] {
  const all = startupCases({ target, homes, fakeEnv });
  if (target.label === 'script') return all;
  return all.filter((c) => /^(process, cached role|env, cached role|process, static keys|--version)/.test(c.name));
}

async function startupSection(options: BenchOptions, targets: Target[], homes: HomeSet, fakeEnv: Record<string, string>, report: BenchReport): Promise<void> {
  const cases = targets.flatMap((t) => casesFor(t, homes, fakeEnv)).filter((c) => !options.only || c.name.includes(options.only));
  const baseline: TimedCase = { name: 'node -e 0', invocation: baselineInvocation(homes.cachedRole) };
  const measured = await measureInterleaved(cases, baseline, { runs: options.runs, warmup: options.warmup, onProgress: progress('startup runs') });
  const resourceRuns = options.quick ? 1 : 3;
  const resourcesOf = async (c: TimedCase) => {
    const runs = [];
    for (let i = 0; i < resourceRuns; i++) runs.push(await measureResources(c.invocation));
    const ok = runs.filter((r) => r !== undefined);
    if (ok.length === 0) return undefined;
    return { maxRssKb: summarize(ok.map((r) => r.maxRssKb)).median, cpuMs: summarize(ok.map((r) => r.cpuMs)).median, via: ok[0]!.via };
  };
  report.baseline = { summary: summarize(measured.flatMap((m) => m.baseline)), resources: await resourcesOf(baseline) };
  for (const [index, m] of measured.entries()) {
    const row: StartupRow = { name: m.name };
    if (m.failure) row.failure = m.failure;
    else {
      row.summary = summarize(m.samples);
      row.ratio = pairedRatio(m.samples, m.baseline);
      row.resources = await resourcesOf(cases[index]!);
    }
    report.startup.push(row);
  }
}

async function traceSection(options: BenchOptions, target: Target, homes: HomeSet, report: BenchReport): Promise<void> {
  const args = ['process', '--profile', CACHED_PROFILE];
  const trace = await traceLoads(invoke(target, args, homes.cachedRole), baselineInvocation(homes.cachedRole));
  if (trace.code !== 0) throw new Error(`traced run failed: ${trace.stderr.trim()}`);
  const metafile = resolve(options.metafile ?? join(repoRoot, 'build', 'dist-meta.json'));
  const chunks = existsSync(metafile) ? describeChunks(trace.files, metafile, repoRoot) : [];
  report.trace = {
    command: `awsctl ${args.join(' ')}`,
    chunks,
    totalBytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
    extraBuiltins: trace.extraBuiltins,
    heavy: heavyInputs(chunks),
  };
}

async function stampedeSection(options: BenchOptions, targets: Target[], sts: FakeSts, homes: HomeSet, report: BenchReport): Promise<void> {
  for (const target of targets) {
    process.stderr.write(`stampede: ${target.label}…\n`);
    const result = await runStampede({ target, sts, stsEnv: { AWS_ENDPOINT_URL_STS: sts.url }, coldHome: homes.cold, ...options.stampede });
    report.stampede.push({ target: target.label, result });
  }
}

async function main(argv: string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  const report: BenchReport = { machine: describeMachine(), runs: options.runs, warmup: options.warmup, startup: [], stampede: [] };
  if (options.sections.has('scaling')) report.scaling = measureParseScaling(options.scalingSizes);
  const script = scriptTarget(options.launcher ? resolve(options.launcher) : undefined);
  const targets = [script, ...(await binaryTargets(options))];
  const homes = makeHomes({ bigCount: options.bigCount });
  const sts = await startFakeSts();
  sts.addKey(BASE_KEYS.accessKeyId, BASE_KEYS.secretAccessKey);
  try {
    if (options.sections.has('startup')) await startupSection(options, targets, homes, { AWS_ENDPOINT_URL_STS: sts.url }, report);
    if (options.sections.has('trace')) await traceSection(options, script, homes, report);
    if (options.sections.has('stampede')) await stampedeSection(options, targets, sts, homes, report);
  } finally {
    await sts.close();
    homes.cleanup();
  }
  if (options.sections.has('external')) report.external = await runExternalBenches({ quick: options.quick });
  report.machine.loadAfter = loadavgText();
  process.stdout.write(`${renderText(report)}\n`);
  if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
  if (options.results) writeFileSync(options.results, `${renderMarkdown(report)}\n`);
  const stampedeOk = report.stampede.every(
    ({ result }) => result.assumeRoleCalls.every((n) => n === 1) && result.successes.every((n) => n === result.processes),
  );
  const failed = report.startup.some((r) => r.failure) || (report.trace?.heavy.length ?? 0) > 0 || !stampedeOk;
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
