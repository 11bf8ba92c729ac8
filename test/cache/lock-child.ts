// A separate awsctl-like process for the lock tests: waits for the "go" file, then runs
// getOrRefresh on a shared cache entry whose produce step logs its pid and takes a while.
// Prints {"value", "pid", "hit"} on stdout. Not a test file itself.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOrRefresh, lockPathFor } from '../../src/cache/lock.ts';
import { writeFileAtomicSync } from '../../src/io/atomic-write.ts';

const [dir, produceMsText] = process.argv.slice(2) as [string, string];
const entry = join(dir, 'entry.json');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

writeFileSync(join(dir, `ready-${process.pid}`), '');
while (!existsSync(join(dir, 'go'))) await sleep(5);

let reads = 0;
const value = await getOrRefresh({
  read: () => {
    reads++;
    try {
      return (JSON.parse(readFileSync(entry, 'utf8')) as { value: string }).value;
    } catch {
      return undefined;
    }
  },
  produce: async () => {
    appendFileSync(join(dir, 'produced.log'), `${process.pid}\n`);
    await sleep(Number(produceMsText));
    return `value-from-${process.pid}`;
  },
  write: (v) => writeFileAtomicSync(entry, JSON.stringify({ value: v })),
  lockPath: lockPathFor(entry),
  lock: { timeoutMs: 20_000 },
});
process.stdout.write(JSON.stringify({ value, pid: process.pid, hit: reads === 1 }));
