import type { Plugin } from 'esbuild';

// esbuild plugins for the start-up fast path bundles (dist/fast.mjs and the single binary's main).

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
// In the fast bundle, built-ins come from process.getBuiltinModule() (CommonJS interop: esbuild
// reads each name off the object only when it is used).
export const builtinsWithoutNamespace: Plugin = {
  name: 'builtins-without-namespace',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};
