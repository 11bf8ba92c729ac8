// Bundles src/ into dist/: the entry dist/awsctl.mjs (what bin/awsctl loads) plus chunks that
// esbuild splits off at every dynamic import(). Start-up reads and compiles only the chunks a
// command uses: the cached `awsctl process` path never reads commander, undici or the XML
// parser. (The single binary bundles everything into one file instead: scripts/package.ts.)
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
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
  logLevel: 'warning',
});
