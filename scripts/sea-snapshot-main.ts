// Main script of the startup-snapshot variant of the single binary, which exists only so that the
// bench can compare it with the code-cache binary (`npm run bench -- --binary`; the issue asks for
// both, and the snapshot is the slower one: see README, Performance). At package time Node runs
// this file to build the snapshot: the fast path is loaded and trained on the common calls, then
// the heap is saved, and every start of the binary deserializes it and runs the function below.
// Not shipped: a heap saved at package time can hold whatever the packaging process had at hand.
import { answerFromHand } from '../src/startup/fast-answer.ts';
import { runEmbeddedFullCli } from '../src/startup/sea-bundles.ts';
import { runTrainingCalls } from './training-calls.ts';

void runTrainingCalls(answerFromHand);

process.getBuiltinModule('node:v8').startupSnapshot.setDeserializeMainFunction(() => {
  const argv = process.argv.slice(2);
  void (async () => {
    if ((argv[0] === 'process' || argv[0] === 'env') && (await answerFromHand(argv))) return;
    process.exitCode = await runEmbeddedFullCli(argv, require);
  })();
});
