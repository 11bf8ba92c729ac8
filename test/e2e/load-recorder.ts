// Loaded with `node --import` by hot-path.test.ts: appends the URL of every module the process
// loads to the file named by AWSCTL_TEST_LOAD_LOG, and of every JavaScript file it reads itself
// (the fast-path bundle is compiled with vm.Script, which no module hook sees).
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { recordScriptReads } from '../../bench/lib/script-reads.ts';

const log = process.env.AWSCTL_TEST_LOAD_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
  recordScriptReads((url) => appendFileSync(log, `${url}\n`));
}
