// Bundles src/ into dist/: the entry dist/awsctl.mjs (what bin/awsctl loads) plus chunks that
// esbuild splits off at every dynamic import(). Start-up reads and compiles only the chunks a
// command uses: the cached `awsctl process` path never reads commander, undici or the XML
// parser. (The single binary bundles everything into one file instead: scripts/package.ts.)
//
//   node scripts/build.ts [--outdir dist] [--metafile build/dist-meta.json]
// The metafile (which source modules went into which chunk) is what bench/ and test/bench/ use to
// prove that the cached path never loads a heavy library; it is kept out of dist/ (not shipped).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cjsDynamicImportNames } from './esbuild-cjs-dynamic-import.ts';
import { builtinsWithoutNamespace, fastPathOnly } from './fast-path-plugins.ts';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const args = process.argv.slice(2);
const optionValue = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const outdir = optionValue('--outdir', 'dist');
const REQUIRE_BANNER = "import { createRequire as __awsctlCreateRequire } from 'node:module'; const require = __awsctlCreateRequire(import.meta.url);";
const metafilePath = optionValue('--metafile', 'build/dist-meta.json');

rmSync(outdir, { recursive: true, force: true });

const common = {
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minifySyntax: true,
  legalComments: 'none',
  define: { AWSCTL_VERSION: JSON.stringify(pkg.version) },
} as const;

const result = await build({
  ...common,
  entryPoints: ['src/main.ts'],
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

// Each createRequire costs start-up time and the cached path loads ~15 chunks: keep the banner
// only where a bare `require` is referenced (esbuild's __require helper and CommonJS code).
for (const output of Object.keys(result.metafile.outputs)) {
  if (!output.endsWith('.mjs')) continue;
  const text = readFileSync(output, 'utf8');
  if (text.startsWith(REQUIRE_BANNER) && !/\brequire\b/.test(text.slice(REQUIRE_BANNER.length))) writeFileSync(output, text.slice(REQUIRE_BANNER.length).replace(/^\n/, ''));
}

// dist/fast.mjs: the start-up fast path (src/cli/fast-main.ts) as ONE file, so a cached
// `awsctl process` reads and compiles one module instead of ~18 chunks (plugins: see
// scripts/fast-path-plugins.ts).
const fast = await build({
  ...common,
  entryPoints: ['src/cli/fast-main.ts'],
  outfile: `${outdir}/fast.mjs`,
  plugins: [fastPathOnly, builtinsWithoutNamespace],
  logLevel: 'error',
});
for (const input of Object.keys(fast.metafile.inputs)) {
  if (input.includes('node_modules/')) throw new Error(`dist/fast.mjs must not bundle a package, but ${input} is in it`);
}

mkdirSync(dirname(metafilePath), { recursive: true });
// One metafile for both builds: which source modules are in each output file.
writeFileSync(metafilePath, JSON.stringify({
  inputs: { ...result.metafile.inputs, ...fast.metafile.inputs },
  outputs: { ...result.metafile.outputs, ...fast.metafile.outputs },
}));
