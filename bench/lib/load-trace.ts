// Which files and built-in modules a run really loads, and which source modules (per esbuild's
// metafile) those bundle chunks contain. This is the proof that a cached `awsctl process`
// never loads undici, fast-xml-parser, @smithy/*, inquirer, chalk or commander.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTimed, type Invocation } from './spawn.ts';

const RECORDER = fileURLToPath(new URL('./load-recorder.ts', import.meta.url));

/** Packages that must never load on the cached path (common.md: "heavy libraries"). */
export const HEAVY_PACKAGES = ['undici', 'fast-xml-parser', '@smithy/', '@inquirer/', 'chalk', 'commander', '@aws-crypto/', '@aws-sdk/'];

export interface LoadTrace {
  /** Absolute paths of the non-built-in modules loaded, in load order. */
  files: string[];
  /** Built-in modules loaded, beyond those a bare `node -e 0` with the recorder loads. */
  extraBuiltins: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

async function record(invocation: Invocation): Promise<{ urls: string[]; builtins: string[]; code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'awsctl-bench-loads-'));
  const out = join(dir, 'loads.json');
  try {
    const env = { ...invocation.env, NODE_OPTIONS: `--import=${RECORDER}`, AWSCTL_BENCH_LOADS_FILE: out };
    const result = await runTimed({ ...invocation, env });
    if (!existsSync(out)) throw new Error(`the load recorder wrote nothing (exit ${result.code}): ${result.stderr.slice(0, 300)}`);
    const loads = JSON.parse(readFileSync(out, 'utf8')) as { urls: string[]; builtins: string[] };
    return { ...loads, code: result.code, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads of `invocation` (a Node-run awsctl), built-ins relative to `baseline` (a `node -e 0`). */
export async function traceLoads(invocation: Invocation, baseline: Invocation): Promise<LoadTrace> {
  const [run, bare] = [await record(invocation), await record(baseline)];
  const recorder = resolve(RECORDER);
  const files = run.urls
    .filter((u) => u.startsWith('file:'))
    .map((u) => fileURLToPath(u))
    .filter((p) => resolve(p) !== recorder);
  const known = new Set(bare.builtins);
  const extraBuiltins = [...new Set(run.builtins.filter((b) => !known.has(b)))];
  return { files: [...new Set(files)], extraBuiltins, code: run.code, stdout: run.stdout, stderr: run.stderr };
}

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface LoadedChunk {
  file: string;
  bytes: number;
  /** Source modules bundled into it (repo-relative, e.g. "src/resolve/resolve.ts", "node_modules/undici/index.js"). */
  inputs: string[];
}

/** The loaded files that are bundle chunks, with their contents per the build's metafile. */
export function describeChunks(files: readonly string[], metafilePath: string, root: string): LoadedChunk[] {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const byPath = new Map(Object.entries(meta.outputs).map(([out, info]) => [resolve(root, out), info]));
  return files.flatMap((file) => {
    const info = byPath.get(resolve(file));
    if (!info) return [];
    return [{ file: relative(root, file), bytes: statSync(file).size, inputs: Object.keys(info.inputs) }];
  });
}

/** Heavy packages among the chunks' inputs, e.g. ["undici (node_modules/undici/index.js)"]. */
export function heavyInputs(chunks: readonly LoadedChunk[]): string[] {
  return chunks.flatMap((chunk) =>
    chunk.inputs.filter((input) => HEAVY_PACKAGES.some((name) => input.includes(`node_modules/${name}`))).map((input) => `${input} (in ${chunk.file})`),
  );
}
