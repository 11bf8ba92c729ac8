// Preloaded with NODE_OPTIONS=--import into a Node child when GNU time is not installed: at exit
// it writes the child's own resource usage (maxRSS in KiB, CPU in µs) where the bench asked.
import { writeFileSync } from 'node:fs';

const target = process.env.AWSCTL_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRSS, userCPUTime, systemCPUTime }));
  });
}
