// bin/awsctl (built from this file by scripts/build.ts). `process` and `env` — what SDKs and
// shell prompts run over and over — first try the fast path (dist/fast-path.cjs, with its trained
// code cache: fast-path-loader.ts); everything else, and whatever the fast path cannot answer
// from what is at hand, runs the full CLI (dist/awsctl.mjs and its chunks).
import { readFileSync } from 'node:fs';
import { FAST_PATH_BUNDLE, shippedCacheName } from './code-cache.ts';
import { answerThroughFastPath, readIfExists } from './fast-path-loader.ts';
import { isFastCommand } from './fast-commands.ts';

/** Set by scripts/build.ts: the content hash of dist/fast-path.cjs, and where dist/ is from here. */
declare const FAST_PATH_HASH: string;
declare const DIST_FROM_LAUNCHER: string;

const { join } = process.getBuiltinModule('node:path');
// CommonJS (bin/package.json says so): Node starts a CommonJS main faster than an ES module.
const distDir = join(__dirname, DIST_FROM_LAUNCHER);

async function fastPathAnswered(argv: string[]): Promise<boolean> {
  if (!isFastCommand(argv[0])) return false;
  try {
    const filename = join(distDir, FAST_PATH_BUNDLE);
    return await answerThroughFastPath(argv, {
      source: readFileSync(filename, 'utf8'),
      filename,
      dirname: distDir,
      bundleHash: FAST_PATH_HASH,
      shippedCache: () => readIfExists(join(distDir, shippedCacheName(process.version, process.arch))),
    });
  } catch {
    return false; // e.g. an install missing fast-path.cjs: the full CLI still works (or says why)
  }
}

async function launch(argv: string[]): Promise<void> {
  if (await fastPathAnswered(argv)) return;
  // Node's on-disk compile cache (keyed by file content) saves parsing the full CLI's chunks on
  // later runs. Not for the fast path: that has its own, better, cache.
  try {
    process.getBuiltinModule('node:module').enableCompileCache?.();
  } catch {
    // not writable: run uncached
  }
  // The full CLI runs main() on process.argv when it loads (a file URL, left alone by esbuild).
  await import(process.getBuiltinModule('node:url').pathToFileURL(join(distDir, 'awsctl.mjs')).href);
}

void launch(process.argv.slice(2));
