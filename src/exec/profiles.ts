// The profile files, read once per run (per Context): `whoami` resolving and then calling STS,
// or `assume` resolving several hops, all see the same parse, and the files' warnings are
// printed to stderr only once (so is the warning about a credentials file others can read).
import type { Context } from '../io/context.ts';
import { loadProfileFiles, type LoadedProfiles } from '../profile/load.ts';

const loaded = new WeakMap<Context, LoadedProfiles>();

export function loadProfilesOnce(ctx: Context, profileFlag?: string): LoadedProfiles {
  const known = loaded.get(ctx);
  if (known) return known;
  const result = loadProfileFiles(ctx, profileFlag === undefined ? {} : { profileFlag });
  for (const warning of result.set.warnings) {
    if (warning.portability) continue; // `profiles` and `explain` show these
    ctx.stderr.write(`awsctl: warning: ${warning.file}:${warning.line}: ${warning.message}\n`);
  }
  const exposed = exposedCredentialsWarning(result, ctx.platform);
  if (exposed !== undefined) ctx.stderr.write(`awsctl: warning: ${exposed}\n`);
  loaded.set(ctx, result);
  return result;
}

/**
 * The credentials file holds long-term secrets; like ssh with a private key, say so when other
 * users can read it. Uses the mode from the stat the loader made anyway. Windows modes are
 * emulated by Node and mean nothing there.
 */
export function exposedCredentialsWarning(loaded: Pick<LoadedProfiles, 'credentials'>, platform: NodeJS.Platform): string | undefined {
  const { path, mode, text } = loaded.credentials;
  if (platform === 'win32' || path === undefined || text === undefined || mode === undefined) return undefined;
  const readers = [(mode & 0o040) !== 0 ? 'group' : '', (mode & 0o004) !== 0 ? 'others' : ''].filter(Boolean);
  if (readers.length === 0) return undefined;
  return `${path} is readable by ${readers.join(' and ')} (mode ${(mode & 0o777).toString(8).padStart(3, '0')}); run chmod 600 on it`;
}
