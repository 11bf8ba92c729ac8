// The real FileSystem over node:fs. Synchronous on purpose: the cached `awsctl process` path
// reads two or three small files, and sync calls cost less at start-up than promise plumbing.
// "Not there" (ENOENT, or ENOTDIR when a parent is a file) is an answer, not an error; every
// other failure becomes an AwsctlError that names the path and says why in words.
import * as fs from 'node:fs';
import { AwsctlError } from '../errors.ts';
import type { FileStat, FileSystem } from './context.ts';
import { describeErrno, realFsOps, writeFileAtomicSync } from './atomic-write.ts';
import type { AtomicFsOps } from './atomic-write.ts';
import { currentUserIds } from './private-folder.ts';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function failure(action: string, path: string, error: unknown): AwsctlError {
  return new AwsctlError(`cannot ${action} ${path}`, describeErrno(error), { cause: error });
}

interface NodeFileSystemOptions {
  /** Low-level calls used by writeFileAtomic; tests inject failures here. */
  ops?: AtomicFsOps;
}

/** The file's bytes, or an EFBIG error when it holds more than `maxBytes` (only that much is ever read). */
function readAtMost(path: string, maxBytes: number): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const { size } = fs.fstatSync(fd);
    // One byte more than allowed tells a file that grew past the limit since fstat.
    const buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (size > maxBytes || length > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

export function createNodeFileSystem(options: NodeFileSystemOptions = {}): FileSystem {
  const ops = options.ops ?? realFsOps;
  return {
    readFile(path: string, readOptions?: { maxBytes?: number }): Buffer | undefined {
      try {
        return readOptions?.maxBytes === undefined ? fs.readFileSync(path) : readAtMost(path, readOptions.maxBytes);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure('read', path, error);
      }
    },

    stat(path: string): FileStat | undefined {
      try {
        const s = fs.statSync(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode & 0o7777, size: s.size, mtimeMs: s.mtimeMs, uid: s.uid, gid: s.gid };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure('inspect', path, error);
      }
    },

    writeFileAtomic(path: string, data: string | Buffer, writeOptions?: { mode?: number; secret?: boolean }): void {
      writeFileAtomicSync(path, data, { mode: writeOptions?.mode, secret: writeOptions?.secret, ops });
    },

    user: currentUserIds(),

    mkdirp(path: string, mode = 0o700): void {
      try {
        fs.mkdirSync(path, { recursive: true, mode });
      } catch (error) {
        throw failure('create folder', path, error);
      }
    },

    /** Removes a file or an empty folder; a path that is already gone is fine. */
    remove(path: string): void {
      try {
        if (fs.lstatSync(path).isDirectory()) fs.rmdirSync(path);
        else fs.unlinkSync(path);
      } catch (error) {
        if (isMissing(error)) return;
        throw failure('remove', path, error);
      }
    },

    /** Entry names; a folder that does not exist has none. */
    readdir(path: string): string[] {
      try {
        return fs.readdirSync(path);
      } catch (error) {
        if (isMissing(error)) return [];
        throw failure('list', path, error);
      }
    },

    realpath(path: string): string {
      try {
        return fs.realpathSync(path);
      } catch (error) {
        throw failure('resolve', path, error);
      }
    },
  };
}
