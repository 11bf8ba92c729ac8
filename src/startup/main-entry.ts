// Shared by the bundled script (src/startup/main.ts) and the single binary's CommonJS entry.
// direct-run (direct dispatch, README.md) is imported statically: it is small, every fast invocation needs it, and a separate
// chunk would cost the cached `awsctl process` one more module load.
import { readFastInvocation } from './direct-argv.ts';
import { runFast } from './direct-run.ts';

export async function main(argv: string[]): Promise<number> {
  const fast = readFastInvocation(argv);
  if (fast) return runFast(fast);
  const { runCli } = await import('../cli/run.ts');
  return runCli(argv);
}
