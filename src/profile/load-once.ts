// The profile files as commands read them: loaded once per run (per Context), so `whoami`
// resolving and then calling STS, or `assume` resolving several hops, all see the same parse;
// and the one place whose warnings reach stderr, each printed once per run: the normalizer's
// (file:line) and the one about a credentials file others can read.
import type { Context } from '../io/context.ts';
import { loadProfileFiles, type LoadedProfiles } from './load.ts';

const loaded = new WeakMap<Context, LoadedProfiles>();
const warned = new WeakSet<Context>();

/** The files for resolving: one parse per Context, warnings printed with the first load. */
export function loadProfilesOnce(ctx: Context, profileFlag?: string, options: WarningOptions = {}): LoadedProfiles {
  const known = loaded.get(ctx);
  if (known) return known;
  const result = loadProfileFiles(ctx, profileFlag === undefined ? {} : { profileFlag });
  reportLoadWarnings(ctx, result, options);
  loaded.set(ctx, result);
  return result;
}

/** The files read afresh (commands that edit and read again), warnings still printed once per run. */
export function loadProfilesFresh(ctx: Context, profileFlag?: string, options: WarningOptions & { quiet?: boolean } = {}): LoadedProfiles {
  const result = loadProfileFiles(ctx, profileFlag === undefined ? {} : { profileFlag });
  if (!options.quiet) reportLoadWarnings(ctx, result, options);
  return result;
}

interface WarningOptions {
  /** Also the warnings about names only botocore reads (quoted, unicode): `profiles` and `explain` ask. */
  portability?: boolean;
}

function reportLoadWarnings(ctx: Context, result: LoadedProfiles, options: WarningOptions): void {
  if (warned.has(ctx)) return;
  warned.add(ctx);
  for (const warning of result.set.warnings) {
    if (warning.portability && !options.portability) continue; // names only botocore reads: `profiles` and `explain` ask
    ctx.stderr.write(`awsctl: warning: ${warning.file}:${warning.line}: ${warning.message.replace(/[\r\n]+/g, ' ')}\n`);
  }
  const exposed = exposedCredentialsWarning(result, ctx.platform);
  if (exposed !== undefined) ctx.stderr.write(`awsctl: warning: ${exposed}\n`);
}

/**
 * The credentials file holds long-term secrets; like ssh with a private key, say so when other
 * users can read it. Uses the mode from the stat the loader made anyway. Windows modes are
 * emulated by Node and mean nothing there.
 */
function exposedCredentialsWarning(loaded: Pick<LoadedProfiles, 'credentials'>, platform: NodeJS.Platform): string | undefined {
  const { path, mode, text } = loaded.credentials;
  if (platform === 'win32' || path === undefined || text === undefined || mode === undefined) return undefined;
  const readers = [(mode & 0o040) !== 0 ? 'group' : '', (mode & 0o004) !== 0 ? 'others' : ''].filter(Boolean);
  if (readers.length === 0) return undefined;
  return `${path} is readable by ${readers.join(' and ')} (mode ${(mode & 0o777).toString(8).padStart(3, '0')}); run chmod 600 on it`;
}
