// A virtual FileSystem for one end-to-end case: the case's `fs/` directory is mounted at `/`
// read-only, and every write (SSO token refreshes, credential caches, lock files) lands in an
// in-memory overlay. The shared conformance data is never modified, and two cases never see
// each other's writes, because each case gets a fresh overlay.
import * as nodeFs from 'node:fs';
import { posix } from 'node:path';
import type { FileStat, FileSystem } from '../../../src/io/context.ts';

export interface OverlayFileSystem extends FileSystem {
  /** Paths written (or removed) during the case, in order; for reports and leak checks. */
  readonly writes: string[];
  /** The overlay's current content of a path written during the case. */
  written(path: string): Buffer | undefined;
}

/** Maps a virtual absolute path onto the mounted directory; `..` can never climb above `/`. */
export function virtualPath(path: string): string {
  return posix.resolve('/', path);
}

function fsError(code: string, path: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${path}`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}

/**
 * `root` is the case's fs/ directory, or undefined when the case has none (an empty disk).
 * Missing files read as undefined, like the real FileSystem.
 */
export function createOverlayFileSystem(root: string | undefined): OverlayFileSystem {
  const files = new Map<string, Buffer | null>(); // null = removed during the case
  const dirs = new Set<string>(['/']);
  const writes: string[] = [];

  const realStat = (path: string): nodeFs.Stats | undefined => {
    if (root === undefined) return undefined;
    try {
      return nodeFs.statSync(posix.join(root, path));
    } catch {
      return undefined;
    }
  };
  const isDir = (path: string): boolean => dirs.has(path) || (files.get(path) === undefined && realStat(path)?.isDirectory() === true);
  const fileState = (path: string): Buffer | null | undefined => (files.has(path) ? files.get(path) : undefined);

  const overlay: OverlayFileSystem = {
    writes,
    written: (path) => fileState(virtualPath(path)) ?? undefined,

    readFile(path) {
      const p = virtualPath(path);
      const own = fileState(p);
      if (own !== undefined) return own ?? undefined;
      if (dirs.has(p)) throw fsError('EISDIR', p);
      const stat = realStat(p);
      if (!stat) return undefined;
      if (stat.isDirectory()) throw fsError('EISDIR', p);
      return nodeFs.readFileSync(posix.join(root!, p));
    },

    stat(path): FileStat | undefined {
      const p = virtualPath(path);
      const own = fileState(p);
      if (own === null) return undefined;
      if (own !== undefined) return { isFile: true, isDirectory: false, mode: 0o600, size: own.length, mtimeMs: 0 };
      if (dirs.has(p)) return { isFile: false, isDirectory: true, mode: 0o700, size: 0, mtimeMs: 0 };
      const stat = realStat(p);
      if (!stat) return undefined;
      return { isFile: stat.isFile(), isDirectory: stat.isDirectory(), mode: stat.mode & 0o7777, size: stat.size, mtimeMs: stat.mtimeMs };
    },

    writeFileAtomic(path, data) {
      const p = virtualPath(path);
      // The real writer needs the folder to exist; so does this one, or a missing mkdirp goes unnoticed.
      if (!isDir(posix.dirname(p))) throw fsError('ENOENT', posix.dirname(p));
      if (isDir(p)) throw fsError('EISDIR', p);
      files.set(p, Buffer.from(data));
      writes.push(p);
    },

    mkdirp(path) {
      for (let p = virtualPath(path); !dirs.has(p); p = posix.dirname(p)) {
        if (fileState(p) || (fileState(p) === undefined && realStat(p)?.isFile())) throw fsError('EEXIST', p);
        dirs.add(p);
      }
    },

    remove(path) {
      const p = virtualPath(path);
      if (dirs.has(p)) dirs.delete(p);
      else if (fileState(p) !== undefined || realStat(p)?.isFile()) files.set(p, null);
      writes.push(p);
    },

    readdir(path) {
      const p = virtualPath(path);
      const names = new Set<string>();
      if (root !== undefined && realStat(p)?.isDirectory()) for (const name of nodeFs.readdirSync(posix.join(root, p))) names.add(name);
      const prefix = p === '/' ? '/' : `${p}/`;
      for (const entry of [...files.keys(), ...dirs]) {
        if (!entry.startsWith(prefix) || entry === p) continue;
        names.add(entry.slice(prefix.length).split('/')[0]!);
      }
      for (const [entry, content] of files) if (content === null && posix.dirname(entry) === p) names.delete(posix.basename(entry));
      return [...names].sort();
    },

    realpath(path) {
      const p = virtualPath(path);
      if (!overlay.stat(p)) throw fsError('ENOENT', p);
      return p;
    },
  };
  return overlay;
}
