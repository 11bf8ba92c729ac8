// Top level: parse argv with commander, run the action, and turn every failure into one line
// on stderr with the contract's exit codes (1 failure, 2 usage, 130 cancelled). A stack trace
// appears only under --debug.
import { ExitCode } from '../errors.ts';
import { writeEvalFailure } from './eval-failure.ts';
import { bindRunScope, type RunScope } from './action.ts';
import { reportError } from './report-error.ts';
import { buildProgram } from './program.ts';
import { reorderOptions } from './argv-order.ts';

export async function runCli(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram();
  const scope: RunScope = {
    argv,
    createContext: async (global) => (await import('../io/node-context.ts')).createNodeContext(global),
    exitCode: ExitCode.ok,
  };
  bindRunScope(program, scope);
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    // Usage errors are printed by our catch below, in the contract's one-line form.
    outputError: () => {},
  });
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ outputError: () => {} });
  }
  try {
    await program.parseAsync(reorderOptions(program, argv), { from: 'user' });
    return scope.exitCode;
  } catch (error) {
    const code = reportError(error, debug);
    if (code !== ExitCode.ok) writeEvalFailure(argv);
    return code;
  }
}

type Commandish = ReturnType<typeof buildProgram>;
function allCommands(command: Commandish): Commandish[] {
  return command.commands.flatMap((c) => [c as Commandish, ...allCommands(c as Commandish)]);
}
