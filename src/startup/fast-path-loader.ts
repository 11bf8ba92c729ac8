// Runs the fast-path bundle (dist/fast-path.cjs, or the binary's asset) inside vm.Script with a
// trained V8 code cache (see code-cache.ts for why), and saves one trained here when none fits.
import { existsSync, readFileSync } from 'node:fs';
import { planCodeCache, wrapCommonJs } from './code-cache.ts';

/** What the fast-path bundle (src/startup/fast-path-entry.ts) exports. */
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

/** The file's bytes, or undefined when it is absent or unreadable. */
export function readIfExists(path: string | undefined): Buffer | undefined {
  // existsSync first: the user's cache is usually absent, and a failed read builds an exception.
  if (path === undefined || !existsSync(path)) return undefined;
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export interface FastPathBundle {
  source: string;
  filename: string;
  dirname: string;
  /** Content hash of the source (set at build time): names the user's cache. */
  bundleHash: string;
  /** The cache trained at build time, shipped beside the bundle or embedded in the binary. */
  shippedCache(): Buffer | undefined;
}

/**
 * Runs the fast path (see fast-answer.ts): true when it answered, false when the full CLI must
 * run the same argv. When V8 took no cache, the run that answered saves the one it has trained.
 */
export async function answerThroughFastPath(argv: string[], bundle: FastPathBundle): Promise<boolean> {
  const separator = process.platform === 'win32' ? '\\' : '/';
  const plan = planCodeCache({ separator, bundleHash: bundle.bundleHash, nodeVersion: process.version, arch: process.arch, platform: process.platform, env: process.env });
  const cachedData = plan.enabled ? (readIfExists(plan.userCache) ?? bundle.shippedCache()) : undefined;
  const compiled = runCommonJsBundle<FastPathExports>({ source: bundle.source, filename: bundle.filename, dirname: bundle.dirname, cachedData });
  const answered = await compiled.exports.answerFromHand(argv);
  if (answered && !compiled.cacheAccepted && plan.userCache !== undefined) {
    // The answer is printed by now: nothing here may fail the run (callers would run the full
    // CLI, which would print it a second time).
    try {
      compiled.exports.saveTrainedCache(plan.userCache, compiled.script.createCachedData());
    } catch {
      // no cache this time
    }
  }
  return answered;
}
