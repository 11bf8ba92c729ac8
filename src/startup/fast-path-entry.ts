// Entry of dist/fast-path.cjs (and the single binary's fast-path asset): the start-up fast path
// (fast-answer.ts) and, for the rare run that has to train its own code cache, the writer.
export { answerFromHand } from './fast-answer.ts';
export { saveTrainedCache } from './code-cache-save.ts';
