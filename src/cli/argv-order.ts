// Options anywhere (cli.md: global options go before or after the command name; `assume <role>…
// [options]`): commander reads an option only where the command that declares it is being
// parsed, and `exec`/`assume` pass everything after their first argument through. So before
// commander sees argv, the options of a command line are moved in front of its arguments:
//   awsctl configure --profile dev get region     → configure get --profile dev region
//   awsctl sso --sso-session corp accounts        → sso accounts --sso-session corp
//   awsctl assume role-a --profile base -- cmd    → assume --profile base role-a -- cmd
// Everything after `--` is the child command's and is never touched. For `exec`, whose
// arguments ARE the child command, only options before `--` move, and without `--` nothing after
// the first argument moves (`awsctl exec aws s3 ls --region x` keeps --region for aws).
// Unknown options move too, so commander still names them in its usage error. Pure.
import type { Command, Option } from 'commander';

/** Commands whose arguments are a command line of their own. */
const CHILD_COMMAND = new Set(['exec']);

export function reorderOptions(program: Command, argv: readonly string[]): string[] {
  const path: string[] = [];
  const options: string[] = [];
  const positionals: string[] = [];
  let command = program;
  let i = 0;
  for (; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (token.startsWith('-') && token !== '-') {
      if (CHILD_COMMAND.has(command.name()) && positionals.length > 0 && !argv.includes('--', i)) break;
      options.push(token);
      if (!token.includes('=') && takesValue(command, token) && i + 1 < argv.length) options.push(argv[++i]!);
      continue;
    }
    const sub = positionals.length === 0 ? command.commands.find((c) => c.name() === token || c.aliases().includes(token)) : undefined;
    if (sub) {
      path.push(token);
      command = sub;
      continue;
    }
    // `awsctl help x` and anything else commander resolves itself: leave the line as it is.
    if (command === program) return [...argv];
    if (CHILD_COMMAND.has(command.name()) && !argv.includes('--', i)) break;
    positionals.push(token);
  }
  return [...path, ...options, ...positionals, ...argv.slice(i)];
}

/** Whether `token` (e.g. --profile) is an option with a value, for this command, its parents or subcommands. */
function takesValue(command: Command, token: string): boolean {
  const option = findOption(command, token);
  return option !== undefined && (option.required || option.optional);
}

function findOption(command: Command, token: string): Option | undefined {
  const matches = (o: Option) => o.long === token || o.short === token;
  for (let c: Command | null = command; c; c = c.parent) {
    const found = c.options.find(matches);
    if (found) return found;
  }
  const below = (c: Command): Option | undefined => c.options.find(matches) ?? c.commands.map(below).find(Boolean);
  return command.commands.map(below).find(Boolean);
}
