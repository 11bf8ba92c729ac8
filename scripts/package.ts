// `npm run package`: a self-contained linux executable, build/awsctl, as a Node single
// executable application (SEA) built from the LOCAL Node 24 binary (node_modules/node), offline.
//
// Why not @yao-pkg/pkg: its classic mode downloads patched Node binaries, and its SEA mode
// (lib-es5/sea.js; it does accept `nodePath`, but only through its internal API, the CLI never
// passes it) injects the blob by running `npx postject`, which downloads postject when it is
// not installed and swallows the failure (Promise.allSettled). So we do what it does ourselves:
// bundle to CommonJS (Node 24's SEA main must be CommonJS), `node --experimental-sea-config`
// for the blob, and scripts/sea-elf.ts to embed it (what postject does on Linux).
//
//   node scripts/package.ts [--no-code-cache] [--out build/awsctl]
import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectSeaBlob } from './sea-elf.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const localNode = join(root, 'node_modules', 'node', 'bin', 'node');

// CommonJS has no top-level await, so the SEA entry chains the promise itself.
const SEA_ENTRY = `
import { runCli } from './src/cli/run.ts';
runCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
`;

export interface SeaOptions {
  out: string;
  useCodeCache: boolean;
  /** For experiments only (e.g. stubbing modules not written yet). */
  plugins?: Plugin[];
}

export async function buildSea(options: SeaOptions): Promise<void> {
  if (process.platform !== 'linux') throw new Error('scripts/package.ts builds Linux binaries; see docs/packaging.md for macOS and Windows');
  const work = join(root, 'build', 'sea');
  mkdirSync(work, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const main = join(work, 'awsctl.cjs');
  await build({
    stdin: { contents: SEA_ENTRY, resolveDir: root, sourcefile: 'sea-entry.ts', loader: 'ts' },
    outfile: main,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minifySyntax: true,
    legalComments: 'none',
    define: { AWSCTL_VERSION: JSON.stringify(pkg.version) },
    plugins: options.plugins ?? [],
    logLevel: 'warning',
  });
  const blob = join(work, 'awsctl.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({
    main,
    output: blob,
    disableExperimentalSEAWarning: true,
    useCodeCache: options.useCodeCache,
    useSnapshot: false,
  }));
  // The blob must come from the very Node binary it is embedded in (same V8 for the code cache).
  execFileSync(localNode, ['--experimental-sea-config', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  const image = injectSeaBlob(readFileSync(localNode), readFileSync(blob));
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, image);
  chmodSync(options.out, 0o755);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = resolve(outAt === -1 ? join(root, 'build', 'awsctl') : args[outAt + 1]!);
  await buildSea({ out, useCodeCache: !args.includes('--no-code-cache') });
  const version = execFileSync(out, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }).trim();
  process.stdout.write(`built ${out} (awsctl ${version}, ${(readFileSync(out).length / 1e6).toFixed(1)} MB)\n`);
}
