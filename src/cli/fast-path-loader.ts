// Runs the fast-path bundle (dist/fast-path.cjs, or the binary's asset) inside vm.Script with a
// trained V8 code cache (see code-cache.ts for why), and has one trained for this Node when none fits.
import { existsSync, readFileSync } from 'node:fs';
import { FAST_PATH_BUNDLE, planCodeCache, wrapCommonJs } from './code-cache.ts';

/** What the fast-path bundle (src/cli/fast-path-entry.ts) exports. */
export interface FastPathExports {
  /** True when it answered (and printed); false when the full CLI must run the same argv. */
  answerFromHand(argv: string[]): Promise<boolean>;
  saveTrainedCache(path: string, data: Buffer): void;
}

export interface BundleSource {
  source: string;
  filename: string;
  dirname: string;
  cachedData: Buffer | undefined;
  /** The bundle's `require` (the binary's full CLI needs built-ins; the fast path needs none). */
  require?: NodeJS.Require;
}

export interface CompiledBundle<T> {
  exports: T;
  script: import('node:vm').Script;
  /** True when V8 took the code cache (false: none given, or refused as foreign). */
  cacheAccepted: boolean;
}

/** Compiles a CommonJS bundle in the standard wrapper, with a code cache if given, and runs its top level. */
export function runCommonJsBundle<T>(bundle: BundleSource): CompiledBundle<T> {
  const vm = process.getBuiltinModule('node:vm');
  const script = new vm.Script(wrapCommonJs(bundle.source), { filename: bundle.filename, cachedData: bundle.cachedData });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, bundle.require, module, bundle.filename, bundle.dirname);
  return { exports: module.exports, script, cacheAccepted: bundle.cachedData !== undefined && !script.cachedDataRejected };
}

function readFirst(paths: readonly string[]): Buffer | undefined {
  for (const path of paths) {
    // existsSync first: the user's cache is usually absent, and a failed read builds an exception.
    if (!existsSync(path)) continue;
    try {
      return readFileSync(path);
    } catch {
      // Unreadable: try the next.
    }
  }
  return undefined;
}

/**
 * The script's fast path (see fast-answer.ts): true when it answered, false when the full CLI
 * must run the same argv. `distDir` holds the bundle; `bundleHash` is its content hash (set by
 * the build) and names the cache this run trains when none was accepted.
 */
export async function answerThroughFastPath(argv: string[], distDir: string, bundleHash: string): Promise<boolean> {
  const separator = process.platform === 'win32' ? '\\' : '/';
  const filename = `${distDir}${separator}${FAST_PATH_BUNDLE}`;
  const plan = planCodeCache({ distDir, separator, bundleHash, nodeVersion: process.version, arch: process.arch, platform: process.platform, env: process.env });
  const source = readFileSync(filename, 'utf8');
  const bundle = runCommonJsBundle<FastPathExports>({ source, filename, dirname: distDir, cachedData: readFirst(plan.candidates) });
  const answered = await bundle.exports.answerFromHand(argv);
  if (answered && !bundle.cacheAccepted && plan.saveTo !== undefined) bundle.exports.saveTrainedCache(plan.saveTo, bundle.script.createCachedData());
  return answered;
}
