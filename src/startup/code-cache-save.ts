// Saving a code cache this run trained (see code-cache.ts). It lives in the fast-path bundle,
// which has the atomic writer anyway, so that the launcher stays small.
import { readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.ts';
import { USER_CACHE_PREFIX } from './code-cache.ts';

/** Saves the cache (0600, folder 0700) and drops those of other awsctl or Node versions. Best effort. */
export function saveTrainedCache(path: string, data: Buffer): void {
  try {
    writeFileAtomicSync(path, data);
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(USER_CACHE_PREFIX) && name.endsWith('.cache') && name !== basename(path)) unlinkSync(join(dirname(path), name));
    }
  } catch {
    // A read-only or full home: later runs go uncached, as before. Nothing the user needs to hear.
  }
}
