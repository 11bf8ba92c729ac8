// Direct dispatch (README.md here tells it apart from the fast path). SDKs run
// `credential_process = awsctl process …` for every client they build and shells run `awsctl env` at prompts, so the plain forms of those two commands skip
// commander (and the rest of the CLI) and call the very same command module commander would.
// Anything this small reader does not fully understand — help, an unknown flag, a typo — goes
// the normal way, so the fast path can never accept what commander would refuse.
import type { CommandInput } from '../cli/action.ts';
import { isEnvFormat } from '../output/env-formats.ts';
import { isFastCommand, type FastCommand } from './fast-commands.ts';

export interface FastInvocation {
  command: FastCommand;
  input: CommandInput;
}

const VALUE_OPTIONS = new Set(['--profile', '--region', '--format']);

export function readFastInvocation(argv: readonly string[]): FastInvocation | undefined {
  const command = argv[0];
  if (!isFastCommand(command)) return undefined;
  const global = { profile: undefined as string | undefined, region: undefined as string | undefined, input: true, debug: false, color: true };
  // No --format means the default of env.ts (the shell running awsctl), as on the commander path.
  const options: Record<string, unknown> = {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (VALUE_OPTIONS.has(name)) {
      const value = eq !== -1 && name !== arg ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value.startsWith('-') || value.trim() === '') return undefined;
      if (name === '--profile') global.profile = value;
      else if (name === '--region') global.region = value;
      else if (command === 'env' && isEnvFormat(value)) options.format = value;
      else return undefined;
    } else if (arg === '--no-input') global.input = false;
    else if (arg === '--no-color') global.color = false;
    else if (arg === '--unset' && command === 'env') options.unset = true;
    else return undefined;
  }
  return { command, input: { global, options, args: [], afterDashDash: undefined } };
}
