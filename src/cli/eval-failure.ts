// `eval "$(awsctl env --profile typo)" && terraform apply` must not run terraform: evaluating
// empty output succeeds. So when `env`, or `assume` without `-- cmd`, fails, stdout gets one
// statement that fails when evaluated (after the one-line error on stderr, as always). Not on a
// terminal: there nobody evaluates it.
import { defaultEnvFormat } from '../output/shell-format.ts';
import { failingStatement, isEnvFormat, type EnvFormat } from '../output/env-formats.ts';
import { parentProgram } from '../io/parent-process.ts';
import { writeAllSync } from '../io/fd-write.ts';

const GLOBAL_VALUE_OPTIONS = new Set(['--profile', '--region']);

/** Whether this command line prints text meant for eval, and the --format it asked for. */
export function evaluatedOutput(argv: readonly string[]): { format: string | undefined } | undefined {
  let index = 0;
  while (index < argv.length && argv[index]!.startsWith('-')) index += GLOBAL_VALUE_OPTIONS.has(argv[index]!) ? 2 : 1;
  const command = argv[index];
  if (command !== 'env' && command !== 'assume') return undefined;
  const rest = argv.slice(index + 1);
  const dash = rest.indexOf('--');
  if (command === 'assume' && dash !== -1) return undefined;
  const own = dash === -1 ? rest : rest.slice(0, dash);
  let format: string | undefined;
  own.forEach((word, i) => {
    if (word === '--format') format = own[i + 1];
    else if (word.startsWith('--format=')) format = word.slice('--format='.length);
  });
  return { format };
}

/** The statement for `format` (asked for, else the shell's); '' for formats nobody evaluates. */
export function evalFailureText(format: string | undefined, parent: string | undefined, shell: string | undefined): string {
  const chosen: EnvFormat = format !== undefined && isEnvFormat(format) ? format : defaultEnvFormat(parent, shell);
  return failingStatement(chosen);
}

/** Writes the failing statement for a failed `argv` to stdout, when it is for eval and not a terminal. */
export function writeEvalFailure(argv: readonly string[]): void {
  const target = evaluatedOutput(argv);
  if (target === undefined || process.stdout.isTTY) return;
  try {
    writeAllSync(1, evalFailureText(target.format, parentProgram(process.platform, process.ppid), process.env.SHELL));
  } catch {
    // stdout closed: nothing will evaluate it either
  }
}
