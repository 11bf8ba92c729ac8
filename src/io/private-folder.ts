// Folders that hold the user's secrets (~/.aws/cli/cache, ~/.aws/sso/cache) or code awsctl runs
// (the start-up code cache) must be the user's alone: someone who can write there can plant
// credentials awsctl would hand to an SDK, or swap the files awsctl writes. A folder that is a
// symlink counts by where it points. Windows has no owner and mode bits here (and its folders
// are under the user's own profile), so nothing is checked there.
import { dirname } from 'node:path';
import { AwsctlError } from '../errors.ts';
import type { FileSystem } from './context.ts';

/** The user awsctl runs as; undefined where the platform has no such ids (Windows). */
interface UserIds {
  uid: number;
  gid: number;
}

export function currentUserIds(): UserIds | undefined {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

/**
 * Why a folder or file may not be trusted, or undefined when it may (or the platform cannot
 * say). Writable by its group is fine only when that group is the user's own primary group:
 * with a umask of 002 (Ubuntu's default, user private groups) the AWS CLI makes its cache
 * folders 0775, and that group holds the user alone.
 */
export function whyNotPrivate(stat: { mode: number; uid?: number; gid?: number }, user: UserIds | undefined): string | undefined {
  if (user === undefined) return undefined;
  if (stat.uid !== undefined && stat.uid !== user.uid) return `it belongs to another user (uid ${stat.uid})`;
  const groupMayWrite = (stat.mode & 0o020) !== 0 && stat.gid !== user.gid;
  if ((stat.mode & 0o002) !== 0 || groupMayWrite) return `others can write to it (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')})`;
  return undefined;
}

/** The folder as shown in messages: with where it points when it is a link. */
function describeFolder(fs: FileSystem, dir: string): string {
  try {
    const real = fs.realpath(dir);
    return real === dir ? dir : `${dir} (link to ${real})`;
  } catch {
    return dir;
  }
}

/** A problem with `dir` as a home for secrets, or undefined (a folder not there yet is fine: it is made 0700). */
export function privateFolderProblem(fs: FileSystem, dir: string): string | undefined {
  const stat = fs.stat(dir);
  const why = stat && whyNotPrivate(stat, fs.user);
  return why ? `${describeFolder(fs, dir)}: ${why}` : undefined;
}

export const PRIVATE_FOLDER_HINT = 'make it yours alone (chmod 700, or point the link at a folder of your own), or remove it';

/**
 * Writes a secret: 0600, atomically, in a folder only the user can write (made 0700 when
 * missing); a link at `path` is replaced, not followed. Refuses a folder others can write.
 */
export function writeSecretFile(fs: FileSystem, path: string, data: string): void {
  const dir = dirname(path);
  fs.mkdirp(dir, 0o700);
  const problem = privateFolderProblem(fs, dir);
  if (problem) throw new AwsctlError(`cannot write ${path}`, `the folder ${problem}`, { hint: PRIVATE_FOLDER_HINT });
  fs.writeFileAtomic(path, data, { mode: 0o600, secret: true });
}
