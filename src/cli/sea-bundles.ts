// The two bundles inside the single binary, as SEA assets with V8 code caches made at package
// time by the very Node in the binary: the fast path (fast-path-entry.ts, its cache trained by
// answering the common calls: code-cache.ts says why) and the full CLI (main-entry.ts, 3 MB,
// its cache made after running its top level). The binary's main script (sea-main.ts) is only
// the code that picks one, so a cached `awsctl process` never reads the full CLI.
import { runCommonJsBundle, type FastPathExports } from './fast-path-loader.ts';

export const FAST_PATH_ASSET = 'fast-path.cjs';
export const FAST_PATH_CACHE_ASSET = 'fast-path.cache';
export const FULL_CLI_ASSET = 'awsctl-full.cjs';
export const FULL_CLI_CACHE_ASSET = 'awsctl-full.cache';

function embeddedBundle<T>(asset: string, cacheAsset: string, requireFn?: NodeJS.Require): T {
  const sea = process.getBuiltinModule('node:sea');
  let cachedData: Buffer | undefined;
  try {
    cachedData = Buffer.from(sea.getAsset(cacheAsset));
  } catch {
    cachedData = undefined; // built without a cache: compile from source
  }
  return runCommonJsBundle<T>({ source: sea.getAsset(asset, 'utf8'), filename: asset, dirname: '.', cachedData, require: requireFn }).exports;
}

/** True when the fast path answered (and printed); false when the full CLI must run the same argv. */
export async function answeredByEmbeddedFastPath(argv: string[]): Promise<boolean> {
  try {
    return await embeddedBundle<FastPathExports>(FAST_PATH_ASSET, FAST_PATH_CACHE_ASSET).answerFromHand(argv);
  } catch {
    return false;
  }
}

export async function runEmbeddedFullCli(argv: string[], requireBuiltin: NodeJS.Require): Promise<number> {
  // No real import() is left in the asset (scripts/package.ts turns import('node:x') into the
  // built-in itself), so the script needs no module loader.
  const { main } = embeddedBundle<{ main: (argv: string[]) => Promise<number> }>(FULL_CLI_ASSET, FULL_CLI_CACHE_ASSET, requireBuiltin);
  return main(argv);
}
