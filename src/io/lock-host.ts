// What the cross-process lock (cache/lock.ts) needs from the outside world, as one seam: the few
// file operations it builds on (hard links and mtimes are beyond the Context's FileSystem), the
// clock, sleeping, randomness, and who this process is. The Node implementation is the default;
// tests and other hosts pass their own.
import * as fs from 'node:fs';
import { hostname } from 'node:os';

export interface LockHost {
  pid: number;
  hostname: string;
  /** Whether a process with this pid exists on this host (a permission error means it does). */
  isAlive(pid: number): boolean;
  nowMs(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  randomHex(bytes: number): string;
  writeNew(path: string, content: string, options: { exclusive: boolean }): void;
  link(existing: string, path: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  /** mtime in ms and content; throws ENOENT when the file does not exist. */
  read(path: string): { mtimeMs: number; text: string };
  touch(path: string): void;
  mkdirp(path: string): void;
}

/** Whether a process with this pid exists on this host (a permission error means it does). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let nodeHost: LockHost | undefined;

export function nodeLockHost(): LockHost {
  nodeHost ??= {
    pid: process.pid,
    hostname: hostname(),
    isAlive: isProcessAlive,
    nowMs: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
    // node:crypto is loaded only when a lock is actually taken (a cache miss), not at start-up.
    randomHex: (bytes) => process.getBuiltinModule('node:crypto').randomBytes(bytes).toString('hex'),
    writeNew: (path, content, options) => fs.writeFileSync(path, content, { mode: 0o600, ...(options.exclusive ? { flag: 'wx' } : {}) }),
    link: (existing, path) => fs.linkSync(existing, path),
    rename: (from, to) => fs.renameSync(from, to),
    remove: (path) => fs.rmSync(path, { force: true }),
    read: (path) => ({ mtimeMs: fs.statSync(path).mtimeMs, text: fs.readFileSync(path, 'utf8') }),
    touch(path) {
      const now = new Date();
      fs.utimesSync(path, now, now);
    },
    mkdirp: (path) => fs.mkdirSync(path, { recursive: true, mode: 0o700 }),
  };
  return nodeHost;
}
