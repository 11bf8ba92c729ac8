// Glue between commander and the command modules: build the context from the global options,
// load the command's module on demand, run it, and record its exit code in the run's scope.
// The scope (argv, how to make a Context, the exit code) is bound to the program by whoever runs
// it (run.ts), so nothing here reads process.argv or writes process.exitCode.
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

interface CommandModule {
  run(ctx: Context, input: CommandInput): Promise<number>;
}

const loaders: Record<string, () => Promise<CommandModule>> = {
  env: () => import('./commands/env.ts'),
  process: () => import('./commands/process.ts'),
  whoami: () => import('./commands/whoami.ts'),
  exec: () => import('./commands/exec.ts'),
  serve: () => import('./commands/serve.ts'),
  assume: () => import('./commands/assume.ts'),
  explain: () => import('./commands/explain.ts'),
  profiles: () => import('./commands/profiles.ts'),
  console: () => import('./commands/console.ts'),
  login: () => import('./commands/login.ts'),
  logout: () => import('./commands/logout.ts'),
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
  'keys-add': () => import('./commands/keys-add.ts'),
  'keys-import': () => import('./commands/keys-import.ts'),
  'keys-list': () => import('./commands/keys-list.ts'),
  'keys-remove': () => import('./commands/keys-remove.ts'),
  'keys-rotate': () => import('./commands/keys-rotate.ts'),
  'keys-export': () => import('./commands/keys-export.ts'),
  completion: () => import('./commands/completion.ts'),
};

/** One run of the program: its argv (after the program name), the Context maker, and the result. */
export interface RunScope {
  argv: readonly string[];
  createContext(global: GlobalOptions): Context | Promise<Context>;
  exitCode: number;
}

const scopes = new WeakMap<Command, RunScope>();

export function bindRunScope(program: Command, scope: RunScope): void {
  scopes.set(program, scope);
}

function scopeOf(command: Command): RunScope {
  let root = command;
  while (root.parent) root = root.parent;
  const scope = scopes.get(root);
  if (!scope) throw new Error('the program was run without a run scope (bindRunScope)');
  return scope;
}

export function action(name: keyof typeof loaders & string) {
  return async (...params: unknown[]): Promise<void> => {
    const command = params[params.length - 1] as Command;
    const scope = scopeOf(command);
    const global = globalOptionsOf(command);
    const [ctx, module] = await Promise.all([scope.createContext(global), loaders[name]!()]);
    const dash = scope.argv.indexOf('--');
    const afterDashDash = dash === -1 ? undefined : scope.argv.slice(dash + 1);
    scope.exitCode = await module.run(ctx, { global, options: command.opts(), args: command.args, afterDashDash });
  };
}
