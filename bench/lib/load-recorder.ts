// Preloaded with NODE_OPTIONS=--import into an awsctl run whose loads we want to see: records
// every module URL Node loads (through a synchronous load hook), every JavaScript file read for
// vm.Script (script-reads.ts) and, at exit, the built-in modules the process has loaded
// (process.moduleLoadList), into AWSCTL_BENCH_LOADS_FILE.
import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
import { recordScriptReads } from './script-reads.ts';

const target = process.env.AWSCTL_BENCH_LOADS_FILE;
if (target) {
  const urls: string[] = [];
  registerHooks({
    load(url, context, nextLoad) {
      urls.push(url);
      return nextLoad(url, context);
    },
  });
  recordScriptReads((url) => urls.push(url));
  process.on('exit', () => {
    const list = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
    const builtins = list.filter((entry) => entry.startsWith('NativeModule ')).map((entry) => entry.slice('NativeModule '.length));
    writeFileSync(target, JSON.stringify({ urls, builtins }));
  });
}
