// For the load recorders: the launcher compiles the fast-path bundle with vm.Script from a file
// it reads itself, which no module hook sees; so reads of JavaScript files are recorded too, by
// wrapping fs.readFileSync before the launcher picks it up.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export function recordScriptReads(record: (url: string) => void): void {
  const original = fs.readFileSync;
  fs.readFileSync = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
    const [path] = args;
    if (typeof path === 'string' && /\.[cm]?js$/.test(path)) record(pathToFileURL(path).href);
    return original.apply(this, args);
  } as typeof fs.readFileSync;
}
