// Entry of dist/fast.mjs: the fast path (fast-answer.ts) for `awsctl process` and `awsctl env`,
// bundled as one file by scripts/build.ts; when it cannot answer, the full CLI runs instead.
import { answerFromHand } from './fast-answer.ts';

if (!(await answerFromHand(process.argv.slice(2)))) {
  // The full CLI runs main() on process.argv when it loads. A computed specifier, so that esbuild
  // leaves it alone and it resolves next to this file at run time: dist/awsctl.mjs.
  const fullCli = './awsctl.mjs';
  await import(fullCli);
}
