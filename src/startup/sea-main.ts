// Main script of the single binary (Node SEA, CommonJS): the start-up fast path for `process`
// and `env`, and otherwise the full CLI, each from its embedded asset (sea-bundles.ts).
import { answeredByEmbeddedFastPath, runEmbeddedFullCli } from './sea-bundles.ts';
import { isFastCommand } from './fast-commands.ts';

async function seaMain(argv: string[]): Promise<void> {
  const command = argv[0];
  if (isFastCommand(command) && (await answeredByEmbeddedFastPath(argv))) return;
  process.exitCode = await runEmbeddedFullCli(argv, require);
}

void seaMain(process.argv.slice(2));
