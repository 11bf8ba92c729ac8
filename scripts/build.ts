// Bundles src/ into dist/: the entry dist/awsctl.mjs (what bin/awsctl loads) plus chunks that
// esbuild splits off at every dynamic import(). Start-up reads and compiles only the chunks a
// command uses: the cached `awsctl process` path never reads commander, undici or the XML
// parser. (The single binary bundles everything into one file instead: scripts/package.ts.)
//
//   node scripts/build.ts [--outdir dist] [--bindir bin] [--metafile build/dist-meta.json]
// The metafile (which source modules went into which chunk) is what bench/ and test/bench/ use to
// prove that the cached path never loads a heavy library; it is kept out of dist/ (not shipped).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { cjsDynamicImportNames } from './esbuild-cjs-dynamic-import.ts';
import { builtinsWithoutNamespace, fastPathOnly } from './fast-path-plugins.ts';
import { FAST_PATH_BUNDLE } from '../src/startup/code-cache.ts';
import { nodeVersionGuard, parseEnginesRange } from '../src/startup/node-version-guard.ts';
import { installedKeyringAddons } from './keyring-addons.ts';
import { bundleContentHash } from '../src/startup/code-cache-integrity.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const args = process.argv.slice(2);
const optionValue = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const outdir = optionValue('--outdir', 'dist');
// The launcher (bin/awsctl beside dist/ by default) is told where dist/ is from its own folder.
const bindir = optionValue('--bindir', join(dirname(outdir), 'bin'));
const REQUIRE_BANNER = "import { createRequire as __awsctlCreateRequire } from 'node:module'; const require = __awsctlCreateRequire(import.meta.url);";
const metafilePath = optionValue('--metafile', 'build/dist-meta.json');

rmSync(outdir, { recursive: true, force: true });

const common = {
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.18', // the oldest Node of engines.node (package.json)
  minifySyntax: true,
  legalComments: 'none',
  define: { AWSCTL_VERSION: JSON.stringify(pkg.version) },
} as const;

const result = await build({
  ...common,
  entryPoints: ['src/startup/main.ts'],
  outdir,
  entryNames: 'awsctl',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one (dropped below from
  // the chunks that never use it).
  banner: { js: REQUIRE_BANNER },
  // Split chunks of CommonJS packages need explicit named exports (see the plugin).
  plugins: [cjsDynamicImportNames],
  logLevel: 'warning',
});

// @napi-rs/keyring's native addon cannot be bundled: ship the installed platform build(s) as
// files in dist/native/, loaded by path at run time (src/resolve/keystore/keyring-addon.ts). npm installs the
// build of the platform it runs on, so a package made on Linux x64 carries keyring.linux-x64-gnu.node.
for (const addon of installedKeyringAddons()) {
  mkdirSync(join(outdir, 'native'), { recursive: true });
  copyFileSync(addon, join(outdir, 'native', basename(addon)));
}

// Each createRequire costs start-up time and the cached path loads ~15 chunks: keep the banner
// only where a bare `require` is referenced (esbuild's __require helper and CommonJS code).
for (const output of Object.keys(result.metafile.outputs)) {
  if (!output.endsWith('.mjs')) continue;
  const text = readFileSync(output, 'utf8');
  if (text.startsWith(REQUIRE_BANNER) && !/\brequire\b/.test(text.slice(REQUIRE_BANNER.length)))
    writeFileSync(output, text.slice(REQUIRE_BANNER.length).replace(/^\n/, ''));
}

// The start-up fast path for `process` and `env`: dist/fast-path.cjs holds src/startup/fast-answer.ts
// as ONE CommonJS file (a cached `awsctl process` compiles one script instead of ~18 chunks;
// plugins: scripts/fast-path-plugins.ts); bin/awsctl, the launcher, runs it with a trained V8
// code cache (src/startup/code-cache.ts), else the full CLI.
const fastPath = await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/startup/fast-path-entry.ts'],
  outfile: `${outdir}/${FAST_PATH_BUNDLE}`,
  plugins: [fastPathOnly, builtinsWithoutNamespace],
  logLevel: 'error',
});
const launcherPath = `${bindir}/awsctl`;
const launcher = await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/startup/launcher.ts'],
  outfile: launcherPath,
  // First of all, the Node version check (one line instead of a stack trace on an old Node).
  banner: { js: `#!/usr/bin/env node\n'use strict';\n${nodeVersionGuard(parseEnginesRange(JSON.parse(readFileSync('package.json', 'utf8')).engines.node))}` },
  define: {
    ...common.define,
    FAST_PATH_HASH: JSON.stringify(bundleContentHash(readFileSync(`${outdir}/${FAST_PATH_BUNDLE}`))),
    DIST_FROM_LAUNCHER: JSON.stringify(relative(bindir, outdir)),
  },
  plugins: [builtinsWithoutNamespace],
  logLevel: 'error',
});
chmodSync(launcherPath, 0o755);
// The launcher is CommonJS (Node starts a CommonJS main faster); the package is "type": "module".
writeFileSync(`${bindir}/package.json`, `${JSON.stringify({ type: 'commonjs' })}\n`);
for (const input of [...Object.keys(fastPath.metafile.inputs), ...Object.keys(launcher.metafile.inputs)]) {
  if (input.includes('node_modules/')) throw new Error(`the launcher and fast path must not bundle a package, but ${input} is in it`);
}
// Trained in a process of its own: the cache must be made under plain `node`, as bin/awsctl runs.
execFileSync(process.execPath, ['scripts/train-fast-path.ts', `${outdir}/${FAST_PATH_BUNDLE}`], { stdio: ['ignore', 'ignore', 'inherit'] });

mkdirSync(dirname(metafilePath), { recursive: true });
// One metafile for both builds: which source modules are in each output file.
writeFileSync(
  metafilePath,
  JSON.stringify({
    inputs: { ...result.metafile.inputs, ...fastPath.metafile.inputs, ...launcher.metafile.inputs },
    outputs: { ...result.metafile.outputs, ...fastPath.metafile.outputs, ...launcher.metafile.outputs },
  }),
);
