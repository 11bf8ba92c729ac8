// Read-modify-write of ~/.aws/config and ~/.aws/credentials, safe against other writers:
// for each file to edit, take a cross-process lock, re-read the file INSIDE the lock (so an
// edit never resurrects a value another process removed a moment ago), apply the caller's
// pure edit, and replace the file atomically only when its bytes changed. Used by every
// `configure` command and by `sso populate`.
//
// The lock is a hidden file beside the file as it was named: `~/.aws/.config.awsctl-lock`,
// `~/.aws/.credentials.awsctl-lock` (with AWS_CONFIG_FILE=/x/my.ini: `/x/.my.ini.awsctl-lock`).
// Beside the name and not beside a symlink's target, so a config kept in a dotfiles repo and
// linked into ~/.aws never gets lock files in the repo. It exists only while an edit runs.
// Locks are always taken config first, then credentials, so two editors cannot deadlock.
import { basename, dirname, join } from 'node:path';
import { AwsctlError, usageError } from '../errors.ts';
import { withLock } from '../cache/lock.ts';
import type { LockOptions } from '../cache/lock.ts';
import { describeErrno } from '../io/atomic-write.ts';
import { parseIni, serializeIni } from '../ini/parse.ts';
import type { IniDocument } from '../ini/types.ts';
import type { Context } from '../io/context.ts';
import { readProfileText } from './load.ts';
import { resolveFileLocations } from './locations.ts';
import type { FileLocations } from './locations.ts';
import type { FileKind } from './model.ts';
import { assertNoSyntaxErrors } from './syntax-errors.ts';

/** A pure edit: the current document in, the wanted document out (the same one for "no change"). May throw AwsctlError to abort. */
export type DocEdit = (doc: IniDocument) => IniDocument;

export type ProfileFileEdits = Partial<Record<FileKind, DocEdit>>;

interface FileEditOutcome {
  path: string;
  /** The bytes changed and were written. */
  changed: boolean;
  /** The file did not exist before and was written now. */
  created: boolean;
}

interface EditFilesResult {
  config?: FileEditOutcome;
  credentials?: FileEditOutcome;
  locations: FileLocations;
}

interface EditFilesOptions {
  /** Use these instead of resolving them from ctx.env. */
  locations?: FileLocations;
  lock?: LockOptions;
}

type EditContext = Pick<Context, 'env' | 'platform' | 'homedir' | 'fs' | 'debug' | 'now'>;

const LOCK_SUFFIX = '.awsctl-lock';
const label: Record<FileKind, string> = { config: 'AWS config file', credentials: 'AWS credentials file' };
const envName: Record<FileKind, string> = { config: 'AWS_CONFIG_FILE', credentials: 'AWS_SHARED_CREDENTIALS_FILE' };

/** `~/.aws/config` → `~/.aws/.config.awsctl-lock`. */
export function lockPathForProfileFile(path: string): string {
  return join(dirname(path), `.${basename(path)}${LOCK_SUFFIX}`);
}

interface Planned {
  kind: FileKind;
  path: string;
  text: string;
  existed: boolean;
  changed: boolean;
}

export async function editProfileFiles(ctx: EditContext, edits: ProfileFileEdits, options: EditFilesOptions = {}): Promise<EditFilesResult> {
  const locations = options.locations ?? resolveFileLocations(ctx.env, ctx.platform, ctx.homedir());
  const targets = (['config', 'credentials'] as const).filter((kind) => edits[kind] !== undefined).map((kind) => ({ kind, path: pathOf(locations, kind) }));
  if (targets.length === 2 && targets[0]?.path === targets[1]?.path) {
    throw usageError(
      'cannot edit the profile files',
      'AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name the same file',
      'point them at two different files',
    );
  }
  const planned = await withLocks(
    ctx,
    targets.map((t) => t.path),
    options.lock,
    () => {
      const plans = targets.map(({ kind, path }) => plan(ctx, kind, path, edits[kind] as DocEdit));
      // Every edit is computed before anything is written, so a refused edit of the second file
      // leaves the first untouched too.
      for (const p of plans) if (p.changed) ctx.fs.writeFileAtomic(p.path, p.text);
      return plans;
    },
  );
  const result: EditFilesResult = { locations };
  for (const p of planned) result[p.kind] = { path: p.path, changed: p.changed, created: p.changed && !p.existed };
  return result;
}

function pathOf(locations: FileLocations, kind: FileKind): string {
  const path = kind === 'config' ? locations.configFile : locations.credentialsFile;
  if (path === undefined) {
    throw new AwsctlError(`cannot edit the ${label[kind]}`, 'no home directory is known', { hint: `set HOME or ${envName[kind]}` });
  }
  return path;
}

function plan(ctx: EditContext, kind: FileKind, path: string, edit: DocEdit): Planned {
  const before = readProfileText(ctx, path, kind);
  const doc = parseIni(before ?? '');
  assertNoSyntaxErrors(doc.errors, kind, path);
  const text = serializeIni(edit(doc));
  return { kind, path, text, existed: before !== undefined, changed: text !== (before ?? '') };
}

async function withLocks<T>(ctx: EditContext, paths: string[], lock: LockOptions | undefined, fn: () => T): Promise<T> {
  const [first, ...rest] = paths;
  if (first === undefined) return fn();
  const lockPath = lockPathForProfileFile(first);
  cleanLockLeftovers(ctx, lockPath);
  const options: LockOptions = { onWait: () => ctx.debug(`waiting for ${lockPath}: another process is editing ${first}`), ...lock };
  try {
    return await withLock(lockPath, () => withLocks(ctx, rest, lock, fn), options);
  } catch (error) {
    if (error instanceof AwsctlError) throw error;
    throw new AwsctlError(`cannot lock ${first} for editing`, describeErrno(error), { hint: `check that ${dirname(first)} is writable`, cause: error });
  }
}

/** A lock's temp files outlive a writer killed at the wrong instant; they carry no pid, so age decides. */
const LEFTOVER_AGE_MS = 60_000;

function cleanLockLeftovers(ctx: EditContext, lockPath: string): void {
  const folder = dirname(lockPath);
  const prefix = `${basename(lockPath)}.`;
  try {
    for (const name of ctx.fs.readdir(folder)) {
      if (!name.startsWith(prefix) || !/\.(tmp|stale-[0-9a-f]+)$/.test(name)) continue;
      const full = join(folder, name);
      const stat = ctx.fs.stat(full);
      if (stat && ctx.now().getTime() - stat.mtimeMs > LEFTOVER_AGE_MS) ctx.fs.remove(full);
    }
  } catch {
    // Best effort: a folder we cannot list is reported by the lock or the write itself.
  }
}
