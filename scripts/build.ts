// Bundles src/ into one ES module, dist/awsctl.mjs, that bin/awsctl loads.
// One file keeps start-up to a single read and compile; commands load their heavy
// dependencies with dynamic import(), which esbuild keeps lazy inside the bundle.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/awsctl.mjs',
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
