// The profile files, read once per run (per Context): `whoami` resolving and then calling STS,
// or `assume` resolving several hops, all see the same parse, and the files' warnings are
// printed to stderr only once.
import type { Context } from '../io/context.ts';
import { loadProfileFiles, type LoadedProfiles } from '../profile/load.ts';

const loaded = new WeakMap<Context, LoadedProfiles>();

export function loadProfilesOnce(ctx: Context, profileFlag?: string): LoadedProfiles {
  const known = loaded.get(ctx);
  if (known) return known;
  const result = loadProfileFiles(ctx, profileFlag === undefined ? {} : { profileFlag });
  for (const warning of result.set.warnings) {
    ctx.stderr.write(`awsctl: warning: ${warning.file}:${warning.line}: ${warning.message}\n`);
  }
  loaded.set(ctx, result);
  return result;
}
