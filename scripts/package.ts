// `npm run package`: a self-contained linux executable, build/awsctl, as a Node single
// executable application (SEA) built from the LOCAL Node 24 binary (node_modules/node), offline.
//
// Why not @yao-pkg/pkg: its command line downloads Node builds; its SEA API takes `nodePath` but
// injects the blob by running `npx postject` from a temp folder, where npx does not see our
// postject and tries to fetch one (and pkg swallows that failure, leaving a plain node copy).
// So we take the documented fallback: Node's own SEA (`node --experimental-sea-config` for the
// blob) and postject's JS API to inject it. Node 24's SEA main must be CommonJS.
//
//   node scripts/package.ts [--no-code-cache] [--out build/awsctl]
import { build, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const localNode = join(root, 'node_modules', 'node', 'bin', 'node');

// CommonJS has no top-level await, so the SEA entry chains the promise itself.
const SEA_ENTRY = `
import { main } from './src/cli/main-entry.ts';
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
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
  await injectBlob(main, options);
  chmodSync(options.out, 0o755);
}

/** The blob must be made by the very Node it is embedded in (same V8 for the code cache). */
async function injectBlob(main: string, options: SeaOptions): Promise<void> {
  const work = dirname(main);
  const blob = join(work, 'awsctl.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: options.useCodeCache, useSnapshot: false }));
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
  await buildSea({ out, useCodeCache: !args.includes('--no-code-cache') });
  const version = execFileSync(out, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } }).trim();
  process.stdout.write(`built ${out} (awsctl ${version}, ${(readFileSync(out).length / 1e6).toFixed(1)} MB)\n`);
}
