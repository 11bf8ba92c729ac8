// Trains the fast path's V8 code cache (src/startup/code-cache.ts says why): compiles the bundle
// exactly as the loaders do, answers the common `process` and `env` calls from a throw-away HOME
// (scripts/training-calls.ts), then saves what V8 has compiled by then.
//
//   node scripts/train-fast-path.ts <dist>/fast-path.cjs [--out <file>]
// The default out is <dist>/fast-path-<node version>-<arch>.cache, what bin/awsctl looks for.
// Run by scripts/build.ts and scripts/package.ts in a process of its own, under plain `node`
// (the Node the cache is for): V8 refuses a cache made under other flags, and so does the seal.
// Its stdout is the trained answers (secrets of the throw-away HOME); scripts/build.ts discards it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { shippedCacheName } from '../src/startup/code-cache.ts';
import { bundleContentHash, cacheBinding, currentRuntime, sealCodeCache } from '../src/startup/code-cache-integrity.ts';
import { runCommonJsBundle, type FastPathExports } from '../src/startup/fast-path-loader.ts';
import { runTrainingCalls } from './training-calls.ts';

export async function trainFastPath(filename: string, out: string): Promise<void> {
  const bytes = readFileSync(filename);
  const bundle = runCommonJsBundle<FastPathExports>({ source: bytes.toString('utf8'), filename, dirname: dirname(filename), cachedData: undefined });
  await runTrainingCalls((argv) => bundle.exports.answerFromHand(argv));
  // Sealed to this bundle and this Node, as the launcher checks before V8 sees it.
  const sealed = sealCodeCache(bundle.script.createCachedData(), cacheBinding(bundleContentHash(bytes), currentRuntime()));
  if (!sealed) throw new Error('cannot seal the code cache: this Node runs without WebAssembly');
  writeFileSync(out, sealed);
}

if (import.meta.main) {
  const [bundle, flag, out] = process.argv.slice(2);
  if (!bundle || (flag !== undefined && (flag !== '--out' || !out)))
    throw new Error('usage: node scripts/train-fast-path.ts <dist>/fast-path.cjs [--out <file>]');
  await trainFastPath(resolve(bundle), resolve(out ?? join(dirname(bundle), shippedCacheName(process.version, process.arch))));
}
