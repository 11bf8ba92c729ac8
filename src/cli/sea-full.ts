// The full CLI inside the single binary. The binary's own main script is only the fast path
// (sea-main.ts); the full CLI (a CommonJS bundle of main-entry.ts) is a SEA asset with a V8 code
// cache made at package time by the same Node, so a command that needs it still starts without
// parsing 3 MB of JavaScript, and the cached `process` path never reads it at all.
export const FULL_CLI_ASSET = 'awsctl-full.cjs';
export const FULL_CLI_CACHE_ASSET = 'awsctl-full.cache';
export const FULL_CLI_FILENAME = 'awsctl-full.cjs';

/** The CommonJS wrapper the asset is compiled in; the code cache is made for exactly these bytes. */
export function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

type Main = (argv: string[]) => Promise<number>;

export async function runEmbeddedFullCli(argv: string[], requireBuiltin: NodeJS.Require): Promise<number> {
  const sea = process.getBuiltinModule('node:sea');
  const vm = process.getBuiltinModule('node:vm');
  const source = sea.getAsset(FULL_CLI_ASSET, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = Buffer.from(sea.getAsset(FULL_CLI_CACHE_ASSET));
  } catch {
    cachedData = undefined; // built without a cache: compile from source
  }
  // No real import() is left in the asset (scripts/package.ts turns import('node:x') into the
  // built-in itself), so the script needs no module loader.
  const script = new vm.Script(wrapCommonJs(source), { filename: FULL_CLI_FILENAME, cachedData });
  const module = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireBuiltin, module, FULL_CLI_FILENAME, '.');
  return module.exports.main!(argv);
}
