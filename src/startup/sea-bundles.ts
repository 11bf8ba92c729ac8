// The two bundles inside the single binary, as SEA assets with V8 code caches made at package
// time by the very Node in the binary: the fast path (fast-path-entry.ts, its cache trained by
// answering the common calls: code-cache.ts says why) and the full CLI (main-entry.ts, 3 MB,
// its cache made after running its top level). The binary's main script (sea-main.ts) is only
// the code that picks one, so a cached `awsctl process` never reads the full CLI.
import { answerThroughFastPath, runCommonJsBundle } from './fast-path-loader.ts';

export const FAST_PATH_ASSET = 'fast-path.cjs';
export const FAST_PATH_CACHE_ASSET = 'fast-path.cache';
export const FULL_CLI_ASSET = 'awsctl-full.cjs';
export const FULL_CLI_CACHE_ASSET = 'awsctl-full.cache';

/** Set by scripts/package.ts: the content hash of the fast-path asset (names the user's cache). */
declare const FAST_PATH_HASH: string;

function embeddedCache(name: string): Buffer | undefined {
  try {
    return Buffer.from(process.getBuiltinModule('node:sea').getAsset(name));
  } catch {
    return undefined; // built without a cache: compile from source
  }
}

/** True when the fast path answered (and printed); false when the full CLI must run the same argv. */
export async function answeredByEmbeddedFastPath(argv: string[]): Promise<boolean> {
  try {
    const source = process.getBuiltinModule('node:sea').getAsset(FAST_PATH_ASSET, 'utf8');
    return await answerThroughFastPath(argv, {
      source,
      filename: FAST_PATH_ASSET,
      dirname: '.',
      bundleHash: FAST_PATH_HASH,
      shippedCache: () => embeddedCache(FAST_PATH_CACHE_ASSET),
    });
  } catch {
    return false;
  }
}

export async function runEmbeddedFullCli(argv: string[], requireBuiltin: NodeJS.Require): Promise<number> {
  // No real import() is left in the asset (scripts/package.ts turns import('node:x') into the
  // built-in itself), so the script needs no module loader.
  const source = process.getBuiltinModule('node:sea').getAsset(FULL_CLI_ASSET, 'utf8');
  const bundle = { source, filename: FULL_CLI_ASSET, dirname: '.', cachedData: embeddedCache(FULL_CLI_CACHE_ASSET), require: requireBuiltin };
  return runCommonJsBundle<{ main: (argv: string[]) => Promise<number> }>(bundle).exports.main(argv);
}
