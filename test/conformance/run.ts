// Runs every suite in suites/ against the SDK conformance data in ../shared/conformance
// (or $AWSCTL_CONFORMANCE_DIR). Prints each failure and skip with its reason, a line per
// suite, and a closing "conformance: N passed, N failed, N skipped" line. Exit 1 on any failure.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CaseResult, Suite } from './harness.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(process.env.AWSCTL_CONFORMANCE_DIR ?? join(here, '..', '..', '..', 'shared', 'conformance'));
const only = process.argv[2];
const verbose = process.argv.includes('--verbose');

if (!existsSync(root)) {
  console.log(`conformance data not found at ${root}; nothing to run`);
  process.exit(0);
}

const suiteFiles = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .sort();
let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of suiteFiles) {
  const { suite } = (await import(pathToFileURL(join(here, 'suites', file)).href)) as { suite: Suite };
  if (only && !only.startsWith('--') && !suite.name.includes(only) && !file.includes(only)) continue;
  if (!existsSync(join(root, suite.data))) {
    console.log(`- ${suite.name}: data missing (${suite.data}), suite skipped`);
    continue;
  }
  let results: CaseResult[];
  try {
    results = await suite.run(root);
  } catch (error) {
    results = [{ name: '(suite crashed)', status: 'fail', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }];
  }
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const r of results) {
    counts[r.status]++;
    if (r.status === 'fail') console.log(`  FAIL ${suite.name} › ${r.name}: ${r.detail}`);
    else if (r.status === 'skip') console.log(`  skip ${suite.name} › ${r.name}: ${r.reason}`);
    else if (verbose) console.log(`  ok   ${suite.name} › ${r.name}`);
  }
  console.log(`- ${suite.name}: ${counts.pass}/${results.length - counts.skip} passed${counts.skip ? `, ${counts.skip} skipped` : ''}`);
  passed += counts.pass;
  failed += counts.fail;
  skipped += counts.skip;
}

console.log(`conformance: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
