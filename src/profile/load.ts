// Reads ~/.aws/config and ~/.aws/credentials through the injected file system (each once) and
// normalizes them (lazily: profile/normalize.ts); the lossless model is parsed when asked for. Anything wrong with a file becomes one clear
// AwsctlError naming it: a directory in its place, no permission, binary or non-UTF-8
// content, an absurd size, or a line the SDKs reject. A missing file is simply empty.
import { AwsctlError } from '../errors.ts';
import { parseIni } from '../ini/parse.ts';
import type { IniDocument } from '../ini/types.ts';
import type { Context } from '../io/context.ts';
import { resolveFileLocations } from './locations.ts';
import type { FileLocations } from './locations.ts';
import type { FileKind, ProfileSet } from './model.ts';
import { normalizeText } from './normalize.ts';

/** Far above any real profile file (100k profiles is ~10 MB) and far below trouble. */
export const MAX_PROFILE_FILE_BYTES = 32 * 1024 * 1024;

interface LoadedFile {
  /** undefined when no home directory is known and no override is set. */
  path: string | undefined;
  /** undefined when the file does not exist. */
  text?: string;
  /** The lossless model, parsed on first use (the commands that edit or list lines need it). */
  readonly doc?: IniDocument;
  /** Permission bits from the stat the read already makes (for the "readable by others" warning). */
  mode?: number;
}

export interface LoadedProfiles {
  set: ProfileSet;
  config: LoadedFile;
  credentials: LoadedFile;
  locations: FileLocations;
}

interface LoadOptions {
  /** The --profile flag, for locations.profileName. */
  profileFlag?: string;
  /** Use these instead of resolving them from ctx.env (e.g. when a command already did). */
  locations?: FileLocations;
}

type LoadContext = Pick<Context, 'env' | 'platform' | 'homedir' | 'fs'>;

const label: Record<FileKind, string> = { config: 'AWS config file', credentials: 'AWS credentials file' };

export function loadProfileFiles(ctx: LoadContext, options: LoadOptions = {}): LoadedProfiles {
  const locations = options.locations ?? resolveFileLocations(ctx.env, ctx.platform, ctx.homedir(), options.profileFlag);
  const config = loadFile(ctx, locations.configFile, 'config');
  const credentials = loadFile(ctx, locations.credentialsFile, 'credentials');
  const set = normalizeText(config.text, credentials.text, {
    config: locations.configFile ?? '(no config file)',
    credentials: locations.credentialsFile ?? '(no credentials file)',
  });
  return { set, config, credentials, locations };
}

function loadFile(ctx: LoadContext, path: string | undefined, kind: FileKind): LoadedFile {
  if (path === undefined) return { path };
  const file = readProfileFile(ctx, path, kind);
  if (file === undefined) return { path };
  let doc: IniDocument | undefined;
  return {
    path,
    text: file.text,
    mode: file.mode,
    get doc() {
      return (doc ??= parseIni(file.text));
    },
  };
}

function fail(kind: FileKind, path: string, why: string, hint?: string, cause?: unknown): AwsctlError {
  return new AwsctlError(`cannot read ${label[kind]}`, why, { file: path, hint, cause });
}

/** The file's text, or undefined when it does not exist. */
export function readProfileText(ctx: Pick<Context, 'fs'>, path: string, kind: FileKind): string | undefined {
  return readProfileFile(ctx, path, kind)?.text;
}

function readProfileFile(ctx: Pick<Context, 'fs'>, path: string, kind: FileKind): { text: string; mode: number } | undefined {
  let bytes: Buffer | undefined;
  let mode = 0;
  try {
    const stat = ctx.fs.stat(path);
    if (!stat) return undefined;
    mode = stat.mode;
    if (stat.isDirectory) throw fail(kind, path, 'it is a directory, not a file', `remove it or point ${envName(kind)} at a file`);
    // A FIFO would block the open until someone writes to it, a device may never end: refuse at once.
    if (!stat.isFile)
      throw fail(kind, path, 'it is not a regular file (a FIFO, socket or device), so it is not read', `point ${envName(kind)} at a regular file`);
    if (stat.size > MAX_PROFILE_FILE_BYTES) throw tooLarge(kind, path, stat.size);
    bytes = ctx.fs.readFile(path);
  } catch (error) {
    if (error instanceof AwsctlError && error.file === path) throw error;
    // The file system's own error ("cannot read <path>: permission denied") restated with the
    // file's role, so the line says which setting the path came from.
    const cause = error instanceof AwsctlError && error.cause !== undefined ? error.cause : error;
    const why = describeFsError(cause);
    throw fail(kind, path, why, why === 'permission denied' ? 'check the owner and mode of the file and its folders' : undefined, error);
  }
  if (bytes === undefined) return undefined;
  if (bytes.length > MAX_PROFILE_FILE_BYTES) throw tooLarge(kind, path, bytes.length);
  return { text: decodeText(bytes, kind, path), mode };
}

function decodeText(bytes: Buffer, kind: FileKind, path: string): string {
  if (bytes.includes(0)) throw fail(kind, path, 'it contains NUL bytes, so it is not a text file', 'restore it from a backup or delete it');
  try {
    // ignoreBOM keeps a leading BOM in the text, so the lossless model can write it back.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw fail(kind, path, 'it is not valid UTF-8 text', 'save it as UTF-8', error);
  }
}

function tooLarge(kind: FileKind, path: string, size: number): AwsctlError {
  const mb = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`;
  return fail(
    kind,
    path,
    `it is ${mb(size)}, larger than the ${mb(MAX_PROFILE_FILE_BYTES)} a profile file may be`,
    'check that the path points at the right file',
  );
}

function envName(kind: FileKind): string {
  return kind === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE';
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  if (typeof code === 'string') return `the file system said ${code}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
}
