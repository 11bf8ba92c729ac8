// `npm run package`: a self-contained linux executable, build/awsctl, as a Node single
// executable application (SEA) built from the LOCAL Node 24 binary (node_modules/node), offline.
//
// Why not @yao-pkg/pkg: its command line downloads Node builds; its SEA API takes `nodePath` but
// injects the blob by running `npx postject` from a temp folder, where npx does not see our
// postject and tries to fetch one (and pkg swallows that failure, leaving a plain node copy).
// So we take the documented fallback: Node's own SEA (`node --experimental-sea-config` for the
// blob) and postject's JS API to inject it. Node 24's SEA main must be CommonJS.
//
//   node scripts/package.ts [--no-code-cache] [--startup-snapshot] [--out build/awsctl]
import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { wrapCommonJs } from '../src/startup/code-cache.ts';
import { bundleContentHash } from '../src/startup/code-cache-integrity.ts';
import { FAST_PATH_ASSET, FAST_PATH_CACHE_ASSET, FULL_CLI_ASSET, FULL_CLI_CACHE_ASSET } from '../src/startup/sea-bundles.ts';
import { builtinsWithoutNamespace, dynamicBuiltinsWithoutLoader, fastPathOnly } from './fast-path-plugins.ts';
import { installedKeyringAddons } from './keyring-addons.ts';
import { KEYRING_ADDON_ASSET, addonFileName } from '../src/resolve/keystore/keyring-addon.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const localNode = join(root, 'node_modules', 'node', 'bin', 'node');

export interface SeaOptions {
  out: string;
  useCodeCache: boolean;
  /**
   * Build the startup-snapshot variant instead (scripts/sea-snapshot-main.ts): for the bench's
   * comparison only; the code-cache binary starts faster.
   */
  startupSnapshot?: boolean;
  /** For experiments only (e.g. stubbing modules not written yet). */
  plugins?: Plugin[];
}

export async function buildSea(options: SeaOptions): Promise<void> {
  if (process.platform !== 'linux') throw new Error('scripts/package.ts builds Linux binaries; see docs/packaging.md for macOS and Windows');
  const work = join(root, 'build', 'sea');
  mkdirSync(work, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node24',
    minifySyntax: true,
    legalComments: 'none' as const,
    define: { AWSCTL_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning' as const,
  };
  // The fast path, with a code cache trained by answering the common calls (src/startup/code-cache.ts).
  const fastPath = join(work, FAST_PATH_ASSET);
  await build({
    ...common,
    entryPoints: [join(root, 'src/startup/fast-path-entry.ts')],
    outfile: fastPath,
    plugins: [fastPathOnly, builtinsWithoutNamespace, ...(options.plugins ?? [])],
  });
  // The binary's main script (src/startup/sea-main.ts) only picks one of the two embedded bundles.
  const main = join(work, options.startupSnapshot ? 'awsctl-snapshot.cjs' : 'awsctl.cjs');
  const fastPathHash = bundleContentHash(readFileSync(fastPath));
  const mainEntry = options.startupSnapshot ? 'scripts/sea-snapshot-main.ts' : 'src/startup/sea-main.ts';
  const mainPlugins = options.startupSnapshot ? [fastPathOnly, builtinsWithoutNamespace] : [];
  await build({
    ...common,
    define: { ...common.define, FAST_PATH_HASH: JSON.stringify(fastPathHash) },
    entryPoints: [join(root, mainEntry)],
    outfile: main,
    plugins: [...mainPlugins, ...(options.plugins ?? [])],
  });
  // The full CLI, with a code cache of its own (src/startup/sea-bundles.ts).
  const full = join(work, FULL_CLI_ASSET);
  await build({
    ...common,
    entryPoints: [join(root, 'src/startup/main-entry.ts')],
    outfile: full,
    plugins: [dynamicBuiltinsWithoutLoader, ...(options.plugins ?? [])],
  });
  // esbuild writes import() specifiers in double quotes (single-quoted ones are in comments).
  const leftover = readFileSync(full, 'utf8').match(/\bimport\("[^"]+"\)/);
  if (leftover) throw new Error(`the embedded CLI must not contain a real import(), but has ${leftover[0]}`);
  const assets: Record<string, string> = { [FULL_CLI_ASSET]: full };
  if (!options.startupSnapshot) assets[FAST_PATH_ASSET] = fastPath;
  if (options.useCodeCache && !options.startupSnapshot) {
    assets[FAST_PATH_CACHE_ASSET] = join(work, FAST_PATH_CACHE_ASSET);
    // Trained by the very Node that goes into the binary: a V8 code cache only fits the V8 that made it.
    execFileSync(localNode, ['scripts/train-fast-path.ts', fastPath, '--out', assets[FAST_PATH_CACHE_ASSET]], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  if (options.useCodeCache) assets[FULL_CLI_CACHE_ASSET] = makeCodeCache(full, join(work, FULL_CLI_CACHE_ASSET));
  // The keyring store's native addon for this platform (src/resolve/keystore/keyring-addon.ts unpacks it to
  // the user's cache folder at first use). Without it the binary offers the file store only.
  const addon = installedKeyringAddons(root).find((path) => path.endsWith(addonFileName()));
  if (addon) assets[KEYRING_ADDON_ASSET] = addon;
  else process.stderr.write(`warning: no ${addonFileName()} installed; the binary will offer the file store only\n`);
  await injectBlob(main, assets, options);
  chmodSync(options.out, 0o755);
}

/**
 * Compiles the asset, in the wrapper the binary will use, with the very Node that goes into the
 * binary (a V8 code cache only fits the V8 that made it), runs its top level so the module
 * definitions are compiled too, and writes the cache.
 */
function makeCodeCache(fullCli: string, out: string): string {
  const wrapped = join(dirname(out), 'awsctl-full.wrapped.js');
  writeFileSync(wrapped, wrapCommonJs(readFileSync(fullCli, 'utf8')));
  const program = `
    const fs = require('node:fs'), vm = require('node:vm');
    const script = new vm.Script(fs.readFileSync(${JSON.stringify(wrapped)}, 'utf8'), { filename: ${JSON.stringify(FULL_CLI_ASSET)} });
    const module = { exports: {} };
    script.runInThisContext()(module.exports, require, module, ${JSON.stringify(FULL_CLI_ASSET)}, '.');
    fs.writeFileSync(${JSON.stringify(out)}, script.createCachedData());`; // same options as src/startup/sea-bundles.ts
  execFileSync(localNode, ['-e', program], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

/** The blob must be made by the very Node it is embedded in (same V8 for the code cache). */
async function injectBlob(main: string, assets: Record<string, string>, options: SeaOptions): Promise<void> {
  const work = dirname(main);
  const blob = join(work, 'awsctl.blob');
  const config = join(work, 'sea-config.json');
  // Node refuses a SEA code cache together with a snapshot (the snapshot holds the compiled code).
  const snapshot = options.startupSnapshot === true;
  writeFileSync(
    config,
    JSON.stringify({ main, output: blob, assets, disableExperimentalSEAWarning: true, useCodeCache: options.useCodeCache && !snapshot, useSnapshot: snapshot }),
  );
  execFileSync(localNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  const postject = createRequire(import.meta.url)('postject') as {
    inject(file: string, name: string, data: Buffer, options: { sentinelFuse: string }): Promise<void>;
  };
  rmSync(options.out, { force: true });
  mkdirSync(dirname(options.out), { recursive: true });
  copyFileSync(localNode, options.out);
  await postject.inject(options.out, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
}

// The fuse string Node's SEA loader looks for (documented in Node's single-executable docs).
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

if (import.meta.main) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = resolve(outAt === -1 ? join(root, 'build', 'awsctl') : args[outAt + 1]!);
  await buildSea({ out, useCodeCache: !args.includes('--no-code-cache'), startupSnapshot: args.includes('--startup-snapshot') });
  const version = execFileSync(out, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }).trim();
  process.stdout.write(`built ${out} (awsctl ${version}, ${(readFileSync(out).length / 1e6).toFixed(1)} MB)\n`);
}
