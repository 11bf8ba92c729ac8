// ~/.aws/login/cache: the `aws login` session files the AWS CLI, botocore and the JS SDK share.
//   <AWS_LOGIN_CACHE_DIRECTORY or ~/.aws/login/cache>/<sha256 hex of the login_session value>.json
//   { "accessToken": {accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt},
//     "tokenType", "clientId", "refreshToken", "idToken", "dpopKey" (EC P-256 PEM),
//     "signInRegion" (written by the JS SDK and awsctl: where the session may be refreshed) }
// Unknown keys, here or inside accessToken, are kept when the file is rewritten: another tool
// may rely on them. Writes are atomic, 0600 in a 0700 folder.
import { dirname, join } from 'node:path';
import type { FileSystem } from '../io/context.ts';
import { formatUtcZ, parseCacheTimestamp } from './credential-cache.ts';

/** Refresh when this many seconds or fewer remain (botocore and the JS SDK: 5 minutes). */
export const LOGIN_REFRESH_WINDOW_SECONDS = 5 * 60;

interface LoginAccessToken {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  expiresAt: string;
  [other: string]: unknown;
}

export interface LoginSessionFile {
  accessToken: LoginAccessToken;
  clientId: string;
  refreshToken: string;
  dpopKey: string;
  tokenType?: string;
  idToken?: string;
  signInRegion?: string;
  [other: string]: unknown;
}

type LoginSessionRead = { kind: 'missing' } | { kind: 'invalid'; why: string } | { kind: 'ok'; file: LoginSessionFile; expiresAt: Date };

/** sha256 hex of the (trimmed) login_session value, as botocore's generate_login_cache_key. */
export function loginSessionFileName(sessionArn: string): string {
  return `${process.getBuiltinModule('node:crypto').createHash('sha256').update(sessionArn.trim(), 'utf8').digest('hex')}.json`;
}

export function loginSessionPath(dir: string, sessionArn: string): string {
  return join(dir, loginSessionFileName(sessionArn));
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Pure: the file's object when every field a refresh needs is there; else which are missing. */
export function validateLoginSession(value: unknown): { file: LoginSessionFile; expiresAt: Date } | { why: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { why: 'the file is not a JSON object' };
  const record = value as Record<string, unknown>;
  const access = record.accessToken;
  const missing: string[] = [];
  if (typeof access !== 'object' || access === null || Array.isArray(access)) missing.push('accessToken');
  else {
    for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'accountId', 'expiresAt']) {
      if (!isText((access as Record<string, unknown>)[field])) missing.push(`accessToken.${field}`);
    }
  }
  for (const field of ['refreshToken', 'dpopKey', 'clientId']) if (!isText(record[field])) missing.push(field);
  if (missing.length > 0) return { why: `it is missing ${missing.join(', ')}` };
  const expiresAt = parseCacheTimestamp((access as Record<string, unknown>).expiresAt);
  if (!expiresAt) return { why: 'its accessToken.expiresAt is not a time' };
  return { file: record as LoginSessionFile, expiresAt };
}

export function readLoginSession(fs: FileSystem, path: string): LoginSessionRead {
  const bytes = fs.readFile(path);
  if (bytes === undefined) return { kind: 'missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { kind: 'invalid', why: 'it is not valid JSON' };
  }
  const checked = validateLoginSession(parsed);
  return 'why' in checked ? { kind: 'invalid', why: checked.why } : { kind: 'ok', ...checked };
}

export interface RefreshedKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresIn: number;
  refreshToken: string;
}

/** Pure: the file after a refresh: new keys, expiry and refresh token; everything else kept. */
export function applyLoginRefresh(file: LoginSessionFile, keys: RefreshedKeys, now: Date): LoginSessionFile {
  return {
    ...file,
    accessToken: {
      ...file.accessToken,
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      sessionToken: keys.sessionToken,
      expiresAt: formatUtcZ(new Date(now.getTime() + keys.expiresIn * 1000)),
    },
    refreshToken: keys.refreshToken,
  };
}

export function writeLoginSession(fs: FileSystem, path: string, file: LoginSessionFile): void {
  fs.mkdirp(dirname(path), 0o700);
  fs.writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, secret: true });
}
