// `awsctl logout`: removes cached console sign-in sessions: the profile's, or with --all every
// file in the login cache that holds a session (an object accessToken with accessKeyId, as the
// AWS CLI's sweeper judges them; lock files and anything else stay). AWS Sign-In has no revoke:
// keys already handed out stay valid until they expire, up to 15 minutes.
import { join } from 'node:path';
import { loginSessionPath } from '../cache/login-session-cache.ts';
import type { FileSystem } from '../io/context.ts';

function holdsSession(fs: FileSystem, path: string): boolean {
  try {
    const value = JSON.parse(fs.readFile(path)?.toString('utf8') ?? 'null') as { accessToken?: unknown } | null;
    const token = value?.accessToken;
    return typeof token === 'object' && token !== null && 'accessKeyId' in token;
  } catch {
    return false;
  }
}

/** Removes the session file of `sessionArn`; true when there was one. */
export function removeSession(fs: FileSystem, dir: string, sessionArn: string): boolean {
  const path = loginSessionPath(dir, sessionArn);
  if (fs.stat(path) === undefined) return false;
  fs.remove(path);
  return true;
}

/** Removes every session file in the cache folder; returns how many. */
export function removeAllSessions(fs: FileSystem, dir: string): number {
  if (!fs.stat(dir)?.isDirectory) return 0;
  let removed = 0;
  for (const name of fs.readdir(dir)) {
    const path = join(dir, name);
    if (!name.endsWith('.json') || !holdsSession(fs, path)) continue;
    fs.remove(path);
    removed++;
  }
  return removed;
}

export const KEYS_STAY_VALID = 'no server-side revoke exists: access keys already handed out stay valid until they expire, up to 15 more minutes';
