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

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
const args = process.argv.slice(2);
const optionValue = (name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : (args[at + 1] ?? fallback);
};
const outdir = optionValue('--outdir', 'dist');
const metafilePath = optionValue('--metafile', 'build/dist-meta.json');

rmSync(outdir, { recursive: true, force: true });

const result = await build({
  entryPoints: ['src/main.ts'],
  outdir,
  metafile: true,
  entryNames: 'awsctl',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minifySyntax: true,
  legalComments: 'none',
  define: { AWSCTL_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __awsctlCreateRequire } from 'node:module'; const require = __awsctlCreateRequire(import.meta.url);" },
  // Split chunks of CommonJS packages need explicit named exports (see the plugin).
  plugins: [cjsDynamicImportNames],
  logLevel: 'warning',
});

mkdirSync(dirname(metafilePath), { recursive: true });
writeFileSync(metafilePath, JSON.stringify(result.metafile));
