// Shared by the bundled script (src/main.ts) and the single binary's CommonJS entry.
import { readFastInvocation } from './fast-argv.ts';

export async function main(argv: string[]): Promise<number> {
  const fast = readFastInvocation(argv);
  if (fast) {
    const { runFast } = await import('./fast-run.ts');
    return runFast(fast);
  }
  const { runCli } = await import('./run.ts');
  return runCli(argv);
}
