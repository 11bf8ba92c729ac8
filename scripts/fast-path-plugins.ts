import type { Plugin } from 'esbuild';

// esbuild plugins for the start-up fast path bundles (dist/fast-path.cjs, the launcher bin/awsctl, the single binary's fast-path asset),
// and for the single binary's embedded full CLI.

// Every dynamic import in a fast-path bundle becomes a module that throws, which makes the fast
// path hand over to the full CLI rather than load anything heavy; so nothing behind a dynamic
// import is ever in such a bundle.
export const fastPathOnly: Plugin = {
  name: 'fast-path-only',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'needs-full-cli' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'needs-full-cli' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`the fast path does not load ${args.path}`)});`,
      loader: 'js',
    }));
  },
};
// An ESM `import { readFileSync } from 'node:fs'` makes Node build a namespace of every export,
// which runs lazy getters such as fs.promises and loads streams, readline and fs/promises (~3 ms).
// In the fast bundles a built-in is instead a small ESM module over process.getBuiltinModule():
// one `export const` per plain data property (accessors such as fs.promises are left out, so
// nothing lazy is triggered), and esbuild keeps only the names the code imports. A name that is
// not there fails the build, loudly.
export const builtinsWithoutNamespace: Plugin = {
  name: 'builtins-without-namespace',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: builtinModuleSource(args.path), loader: 'js' }));
  },
};

function builtinModuleSource(specifier: string): string {
  const builtin = process.getBuiltinModule(specifier) as Record<string, unknown>;
  const names = Object.entries(Object.getOwnPropertyDescriptors(builtin))
    .filter(([name, descriptor]) => 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default')
    .map(([name]) => name);
  // A plain `builtin.x` read might run a getter, so esbuild would keep every one of them; a call
  // marked pure is dropped when its name is not imported.
  const lines = [`const builtin = process.getBuiltinModule(${JSON.stringify(specifier)});`, 'const pick = (name) => builtin[name];', 'export default builtin;'];
  for (const name of names) lines.push(`export const ${name} = /* @__PURE__ */ pick(${JSON.stringify(name)});`);
  return lines.join('\n');
}

// In the single binary the full CLI runs inside vm.Script (src/startup/sea-bundles.ts), where a real
// import() has no loader unless an experimental one is switched on (with a warning on stderr).
// Every `import('node:x')` becomes the built-in itself, so that bundle has no real import() left.
export const dynamicBuiltinsWithoutLoader: Plugin = {
  name: 'dynamic-builtins-without-loader',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'dynamic-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'dynamic-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};
