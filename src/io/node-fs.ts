// The real FileSystem over node:fs. Synchronous on purpose: the cached `awsctl process` path
// reads two or three small files, and sync calls cost less at start-up than promise plumbing.
// "Not there" (ENOENT, or ENOTDIR when a parent is a file) is an answer, not an error; every
// other failure becomes an AwsctlError that names the path and says why in words.
import * as fs from 'node:fs';
import { AwsctlError } from '../errors.ts';
import type { FileStat, FileSystem } from './context.ts';
import { describeErrno, realFsOps, writeFileAtomicSync } from './atomic-write.ts';
import type { AtomicFsOps } from './atomic-write.ts';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function failure(action: string, path: string, error: unknown): AwsctlError {
  return new AwsctlError(`cannot ${action} ${path}`, describeErrno(error), { cause: error });
}

export interface NodeFileSystemOptions {
  /** Low-level calls used by writeFileAtomic; tests inject failures here. */
  ops?: AtomicFsOps;
}

export function createNodeFileSystem(options: NodeFileSystemOptions = {}): FileSystem {
  const ops = options.ops ?? realFsOps;
  return {
    readFile(path: string): Buffer | undefined {
      try {
        return fs.readFileSync(path);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure('read', path, error);
      }
    },

    stat(path: string): FileStat | undefined {
      try {
        const s = fs.statSync(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory(), mode: s.mode & 0o7777, size: s.size, mtimeMs: s.mtimeMs };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure('inspect', path, error);
      }
    },

    writeFileAtomic(path: string, data: string | Buffer, writeOptions?: { mode?: number; exactMode?: boolean }): void {
      writeFileAtomicSync(path, data, { mode: writeOptions?.mode, exactMode: writeOptions?.exactMode, ops });
    },

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
