// An esbuild plugin for code-split ESM bundles: `await import('some-cjs-package')`.
//
// With splitting, esbuild turns a dynamically imported CommonJS package into its own chunk whose
// only ESM export is `default` (module.exports), so `const { Agent } = await import('undici')`
// gets undefined and `new undici.Agent()` throws "undici.Agent is not a constructor" — although
// the same code works unbundled (Node finds CommonJS named exports itself). This plugin puts a
// small ESM module between the import and the package that re-exports the package's names one by
// one, so the split chunk has real named exports. The names are read at build time by require()
// (what Node's own interop would expose); ESM packages are left alone.
import type { Plugin } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const NAMESPACE = 'cjs-named-exports';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** CommonJS by Node's rules: .cjs, or .js whose nearest package.json is not "type": "module". */
export function isCommonJsFile(file: string): boolean {
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type !== 'module';
    if (dirname(dir) === dir) return true;
  }
}

/** The re-export module for a CommonJS package with these export names. */
export function reexportSource(specifier: string, names: readonly string[]): string {
  const named = names.filter((name) => IDENTIFIER.test(name) && name !== 'default' && name !== '__esModule');
  const from = JSON.stringify(specifier);
  return `export { default } from ${from};\n${named.length > 0 ? `export { ${named.join(', ')} } from ${from};\n` : ''}`;
}

export const cjsDynamicImportNames: Plugin = {
  name: 'cjs-dynamic-import-names',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      // Only our own imports: packages' internal dynamic imports are theirs (and often of ESM
      // builds that merely lack "type": "module").
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:') || args.importer.includes('/node_modules/')) return undefined;
      const resolved = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir });
      if (resolved.errors.length > 0 || resolved.external || !isCommonJsFile(resolved.path)) return undefined;
      return { path: args.path, namespace: NAMESPACE, pluginData: { resolveDir: args.resolveDir, file: resolved.path } };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
      const { resolveDir, file } = args.pluginData as { resolveDir: string; file: string };
      const names = Object.keys(createRequire(file)(file) as object);
      return { contents: reexportSource(args.path, names), resolveDir, loader: 'js' };
    });
  },
};
