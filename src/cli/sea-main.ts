// Main script of the single binary (Node SEA, CommonJS): the start-up fast path for `process`
// and `env`, and otherwise the full CLI from the embedded asset (sea-full.ts).
import { answerFromHand } from './fast-answer.ts';
import { runEmbeddedFullCli } from './sea-full.ts';

async function seaMain(argv: string[]): Promise<void> {
  const command = argv[0];
  if ((command === 'process' || command === 'env') && (await answerFromHand(argv))) return;
  process.exitCode = await runEmbeddedFullCli(argv, require);
}

void seaMain(process.argv.slice(2));
