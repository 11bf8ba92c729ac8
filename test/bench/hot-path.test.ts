// Proof that the cached `awsctl process` start-up path stays lean, and a smoke run of the bench
// harness. The CLI is built into a private temp folder (work/bin, work/dist: other work may be rebuilding dist/), run
// with a temp HOME holding a fresh AWS CLI cache entry, and every module it loads is recorded by
// a preloaded hook (bench/lib/load-recorder.ts); esbuild's metafile names what each chunk holds.
// Nothing here asserts a duration.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, tempDir } from '../helpers/cli.ts';
import { CACHED_PROFILE, makeHomes, type HomeSet } from '../../bench/lib/fixtures.ts';
import { describeChunks, heavyInputs, HEAVY_PACKAGES, traceLoads } from '../../bench/lib/load-trace.ts';
import { baselineInvocation, invoke, scriptTarget } from '../../bench/lib/targets.ts';

let work: string;
let homes: HomeSet;

before(() => {
  work = tempDir('awsctl-bench-build-');
  execFileSync(process.execPath, ['scripts/build.ts', '--outdir', join(work, 'dist'), '--metafile', join(work, 'meta.json')], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  homes = makeHomes({ bigCount: 50 });
});

after(() => {
  homes?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a cached `awsctl process` answers from the cache and loads no heavy library', async () => {
  const target = scriptTarget(join(work, 'bin', 'awsctl'));
  const trace = await traceLoads(invoke(target, ['process', '--profile', CACHED_PROFILE], homes.cachedRole), baselineInvocation(homes.cachedRole));
  assert.equal(trace.code, 0, trace.stderr);
  assert.equal((JSON.parse(trace.stdout) as { AccessKeyId: string }).AccessKeyId, 'ASIABENCHCACHED00001');
  const chunks = describeChunks(trace.files, join(work, 'meta.json'), repoRoot);
  assert.ok(
    chunks.some((c) => c.inputs.includes('src/resolve/resolve.ts')),
    'the recorder saw the executor load (the signal works)',
  );
  assert.deepEqual(heavyInputs(chunks), []);
  // Belt and braces: no loaded file at all comes from those packages (e.g. outside the bundle).
  const heavyFiles = trace.files.filter((f) => HEAVY_PACKAGES.some((name) => f.includes(`node_modules/${name}`)));
  assert.deepEqual(heavyFiles, []);
});

test('the recorder does see heavy libraries when a command needs them (commander on --version)', async () => {
  const target = scriptTarget(join(work, 'bin', 'awsctl'));
  const trace = await traceLoads(invoke(target, ['--version'], homes.cachedRole), baselineInvocation(homes.cachedRole));
  assert.equal(trace.code, 0, trace.stderr);
  const heavy = heavyInputs(describeChunks(trace.files, join(work, 'meta.json'), repoRoot));
  assert.ok(
    heavy.some((h) => h.includes('node_modules/commander/')),
    `commander should be listed: ${heavy.join(', ')}`,
  );
});

test('dynamically imported CommonJS packages keep their named exports in the split bundle', async () => {
  const meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const undiciChunk = Object.entries(meta.outputs).find(([, o]) => Object.keys(o.inputs).includes('cjs-named-exports:undici'))?.[0];
  assert.ok(undiciChunk, 'the undici chunk goes through the re-export module');
  const undici = (await import(pathToFileURL(join(repoRoot, undiciChunk)).href)) as { Agent?: unknown; request?: unknown };
  assert.equal(typeof undici.Agent, 'function');
  assert.equal(typeof undici.request, 'function');
});

test('bench/run.ts runs end to end on a tiny configuration and reports sane structure', () => {
  const out = join(work, 'report.json');
  const args = [
    'bench/run.ts',
    '--quick',
    '--runs',
    '2',
    '--warmup',
    '1',
    '--sections',
    'startup,trace,stampede',
    '--only',
    'process, cached role',
    '--stampede-processes',
    '4',
    '--script-only',
  ];
  args.push('--launcher', join(work, 'bin', 'awsctl'), '--metafile', join(work, 'meta.json'), '--json', out);
  execFileSync(process.execPath, args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir('awsctl-bench-home-') },
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    baseline: { summary: { n: number; median: number } };
    startup: Array<{ name: string; failure?: string; summary?: { n: number; median: number }; ratio?: number }>;
    stampede: Array<{ result: { processes: number; assumeRoleCalls: number[]; successes: number[] } }>;
    trace: { heavy: string[]; chunks: unknown[] };
  };
  const cached = report.startup.find((r) => r.name === 'process, cached role');
  assert.ok(cached && !cached.failure, JSON.stringify(cached));
  assert.equal(cached.summary?.n, 2);
  assert.ok(cached.summary!.median > 0 && Number.isFinite(cached.ratio));
  assert.equal(report.baseline.summary.n, 2);
  assert.deepEqual(report.trace.heavy, []);
  assert.ok(report.trace.chunks.length > 0);
  // The stampede is a correctness figure: four cold processes, ONE AssumeRole, four successes.
  const script = report.stampede[0]!.result;
  assert.deepEqual([script.assumeRoleCalls, script.successes], [[1], [4]]);
});
