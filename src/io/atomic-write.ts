// Atomic file replacement: a reader (another awsctl, the AWS CLI, an SDK) sees either the old
// file or the new one, never a half-written one, even if we are killed mid-write. The steps
// are the classic ones: temp file in the same folder (rename is only atomic within one file
// system), write, fsync, rename over the target, fsync the folder (so the rename itself
// survives a crash). The low-level calls come in as `AtomicFsOps` so tests can make any
// single step fail (ENOSPC on write, EACCES on open) and check nothing is left behind.
import * as fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AwsctlError } from '../errors.ts';
import { isProcessAlive } from './lock-host.ts';

export interface AtomicFsOps {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Buffer, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  fchmodSync: typeof fs.fchmodSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
  mkdirSync: typeof fs.mkdirSync;
  statSync: typeof fs.statSync;
  lstatSync: typeof fs.lstatSync;
  readlinkSync: (path: string) => string;
  readdirSync: (path: string) => string[];
}

export const realFsOps: AtomicFsOps = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  fchmodSync: fs.fchmodSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  mkdirSync: fs.mkdirSync,
  statSync: fs.statSync,
  lstatSync: fs.lstatSync,
  readlinkSync: (path) => fs.readlinkSync(path, 'utf8'),
  readdirSync: (path) => fs.readdirSync(path),
};

interface AtomicWriteOptions {
  /** Mode for a new file (default 0600). An existing file keeps its own mode, unless `secret`. */
  mode?: number;
  /**
   * A secret of the user's (cached credentials, SSO tokens): written with exactly `mode`
   * whatever the old file had, and a symlink at `path` is replaced by the file, never followed
   * (a link to a 0644 file elsewhere would otherwise end up holding credentials at 0644).
   */
  secret?: boolean;
  /** Mode for folders that have to be created (default 0700). */
  dirMode?: number;
  ops?: AtomicFsOps;
  /** Leftover temp files older than this are removed (default 60 s). */
  staleTempMs?: number;
  now?: () => number;
  pid?: number;
}

const TEMP_MARK = '.awsctl-';

/** Name of our temp file for `target`: hidden, tied to this pid, unguessable. */
export function tempFileName(target: string, pid: number, random: string): string {
  return `.${basename(target)}${TEMP_MARK}${pid}-${random}.tmp`;
}

/** Plain-words reason for an errno code, for error lines people read. */
export function describeErrno(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a parent of the path is not a directory',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or directory',
    EEXIST: 'already exists',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
    EFBIG: 'file too large',
  };
  if (code && words[code]) return words[code];
  return error instanceof Error ? error.message : String(error);
}

/** Follows a symlink chain by hand (realpath fails on a dangling link, which we still want to write through). */
function resolveWriteTarget(path: string, ops: AtomicFsOps = realFsOps): string {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let isLink = false;
    try {
      isLink = ops.lstatSync(current).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), ops.readlinkSync(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

function existingMode(path: string, ops: AtomicFsOps): number | undefined {
  try {
    return ops.statSync(path).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeAll(fd: number, data: Buffer, ops: AtomicFsOps): void {
  let offset = 0;
  while (offset < data.length) offset += ops.writeSync(fd, data, offset, data.length - offset);
}

/** fsync of a folder makes the rename durable; some platforms refuse it, which is harmless. */
function syncFolder(folder: string, ops: AtomicFsOps): void {
  let fd: number | undefined;
  try {
    fd = ops.openSync(folder, 'r');
    ops.fsyncSync(fd);
  } catch {
    // Windows and some network file systems cannot fsync a directory; the data is already safe.
  } finally {
    if (fd !== undefined) ops.closeSync(fd);
  }
}

/**
 * Removes `.<base>.awsctl-<pid>-*.tmp` files a killed writer left behind: those whose pid is
 * gone, or that are older than `staleMs` (a live pid may be a reused one). Best effort.
 */
export function cleanStaleTempFiles(target: string, options: { ops?: AtomicFsOps; staleMs?: number; now?: number; ownPid?: number } = {}): string[] {
  const ops = options.ops ?? realFsOps;
  const folder = dirname(target);
  const prefix = `.${basename(target)}${TEMP_MARK}`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = ops.readdirSync(folder);
  } catch {
    return removed;
  }
  const now = options.now ?? Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    const full = join(folder, name);
    try {
      const age = now - ops.statSync(full).mtimeMs;
      const ownerGone = Number.isInteger(pid) && pid > 0 && pid !== options.ownPid && !isProcessAlive(pid);
      if (ownerGone || age > (options.staleMs ?? 60_000)) {
        ops.unlinkSync(full);
        removed.push(full);
      }
    } catch {
      // Someone else removed or renamed it meanwhile: nothing to clean.
    }
  }
  return removed;
}

/** Writes `data` to `path` atomically; throws AwsctlError naming the path and the reason. */
export function writeFileAtomicSync(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  const ops = options.ops ?? realFsOps;
  const pid = options.pid ?? process.pid;
  let target = resolve(path);
  let temp: string | undefined;
  try {
    if (!options.secret) target = resolveWriteTarget(path, ops);
    const folder = dirname(target);
    // Folders are made for the path as given, never for where a link points: a dangling
    // ~/.aws/credentials link must not grow folders at its target (the AWS CLI fails there too).
    if (target === resolve(path)) ops.mkdirSync(folder, { recursive: true, mode: options.dirMode ?? 0o700 });
    else if (existingMode(folder, ops) === undefined) {
      throw new AwsctlError(`cannot write ${path} (link to ${target})`, `the folder the link points into, ${folder}, does not exist`, {
        hint: 'create it, or replace the link with a file',
      });
    }
    cleanStaleTempFiles(target, { ops, staleMs: options.staleTempMs, now: options.now?.(), ownPid: pid });
    const mode = (options.secret ? undefined : existingMode(target, ops)) ?? options.mode ?? 0o600;
    temp = join(folder, tempFileName(target, pid, process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')));
    const fd = ops.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, mode);
    try {
      // The umask may have narrowed the mode given to open; set it exactly.
      ops.fchmodSync(fd, mode);
      writeAll(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, ops);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    ops.renameSync(temp, target);
    temp = undefined;
    syncFolder(folder, ops);
  } catch (error) {
    if (temp !== undefined) {
      try {
        ops.unlinkSync(temp);
      } catch {
        // The temp file never got created, or is already gone.
      }
    }
    if (error instanceof AwsctlError) throw error;
    const shown = target === resolve(path) ? path : `${path} (link to ${target})`;
    throw new AwsctlError(`cannot write ${shown}`, describeErrno(error), { cause: error });
  }
}
