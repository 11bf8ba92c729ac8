// Glue between commander and the command modules: build the context from the global options,
// load the command's module on demand, run it, and record its exit code.
import type { Command } from 'commander';
import type { Context } from '../io/context.ts';
import { globalOptionsOf, type GlobalOptions } from './global-options.ts';

/** What every command module receives: parsed options and positional arguments as plain data. */
export interface CommandInput {
  global: GlobalOptions;
  options: Record<string, unknown>;
  args: string[];
  /** Everything after a literal `--` on the command line (the command for `assume -- cmd`), else undefined. */
  afterDashDash: string[] | undefined;
}

export interface CommandModule {
  run(ctx: Context, input: CommandInput): Promise<number>;
}

const loaders: Record<string, () => Promise<CommandModule>> = {
  env: () => import('./commands/env.ts'),
  process: () => import('./commands/process.ts'),
  whoami: () => import('./commands/whoami.ts'),
  exec: () => import('./commands/exec.ts'),
  assume: () => import('./commands/assume.ts'),
  explain: () => import('./commands/explain.ts'),
  profiles: () => import('./commands/profiles.ts'),
  'sso-login': () => import('./commands/sso-login.ts'),
  'sso-logout': () => import('./commands/sso-logout.ts'),
  'sso-accounts': () => import('./commands/sso-accounts.ts'),
  'sso-populate': () => import('./commands/sso-populate.ts'),
  'configure-wizard': () => import('./commands/configure-wizard.ts'),
  'configure-sso': () => import('./commands/configure-sso.ts'),
  'configure-get': () => import('./commands/configure-get.ts'),
  'configure-set': () => import('./commands/configure-set.ts'),
  'configure-unset': () => import('./commands/configure-unset.ts'),
  'configure-list': () => import('./commands/configure-list.ts'),
  'configure-list-profiles': () => import('./commands/configure-list-profiles.ts'),
  'configure-import': () => import('./commands/configure-import.ts'),
  'configure-rename': () => import('./commands/configure-rename.ts'),
  'configure-remove': () => import('./commands/configure-remove.ts'),
  'cache-clear': () => import('./commands/cache-clear.ts'),
  completion: () => import('./commands/completion.ts'),
};

export function action(name: keyof typeof loaders & string) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const global = globalOptionsOf(command);
    const [{ createNodeContext }, module] = await Promise.all([import('../io/node-context.ts'), loaders[name]!()]);
    const ctx = createNodeContext(global);
    const argv = process.argv.slice(2);
    const dash = argv.indexOf('--');
    const afterDashDash = dash === -1 ? undefined : argv.slice(dash + 1);
    process.exitCode = await module.run(ctx, { global, options: command.opts(), args: command.args, afterDashDash });
  };
}
