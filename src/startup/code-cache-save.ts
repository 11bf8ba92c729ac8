// Saving a code cache this run trained (see code-cache.ts). It lives in the fast-path bundle,
// which has the atomic writer anyway, so that the launcher stays small.
import { lstatSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.ts';
import { STALE_USER_CACHE_MS, USER_CACHE_PREFIX } from './code-cache.ts';
import { currentUserIds, whyNotPrivate } from '../io/private-folder.ts';

/**
 * Saves the sealed cache (0600, folder 0700), never into a folder someone else could write, and
 * drops caches of other installs or Node versions that nobody has written for a month (a cache
 * in use is never rewritten, so two Node versions in turn cost one retraining a month at most,
 * not one a run). Best effort.
 */
export function saveTrainedCache(path: string, data: Buffer, now = Date.now()): void {
  try {
    const folder = dirname(path);
    const user = currentUserIds();
    if (user !== undefined) {
      try {
        if (whyNotPrivate(statSync(folder), user)) return;
      } catch {
        // absent: the writer creates it 0700
      }
      // A file someone else made, or made writable by others, is not rewritten in place (the
      // writer keeps an existing file's mode): it goes, and the new one is 0600.
      try {
        if (whyNotPrivate(lstatSync(path), user) || (lstatSync(path).mode & 0o777) !== 0o600) unlinkSync(path);
      } catch {
        // absent
      }
    }
    writeFileAtomicSync(path, data, { mode: 0o600, dirMode: 0o700 });
    for (const name of readdirSync(folder)) {
      if (!name.startsWith(USER_CACHE_PREFIX) || !name.endsWith('.cache') || name === basename(path)) continue;
      const other = join(folder, name);
      if (now - lstatSync(other).mtimeMs > STALE_USER_CACHE_MS) unlinkSync(other);
    }
  } catch {
    // A read-only or full home: later runs go uncached, as before. Nothing the user needs to hear.
  }
}
