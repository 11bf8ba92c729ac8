// Loaded with `node --import` by hot-path.test.ts: appends the URL of every module the process
// loads to the file named by AWSCTL_TEST_LOAD_LOG.
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const log = process.env.AWSCTL_TEST_LOAD_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
