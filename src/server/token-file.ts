// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: the token in a 0600 file inside a fresh 0700 folder
// (mkdtemp, so nobody can have prepared it), replaced atomically with a new token every few
// minutes while the server runs. The SDKs read the file on every fetch, so a token copied out of
// it stops working soon after. The previous token is still accepted for a short grace, for a
// client that read the file just before a rotation. The folder goes when the server stops.
import { join } from 'node:path';
import type { Env } from '../io/context.ts';
import type { Timers } from './credential-holder.ts';
import { newToken, type TokenAuthority } from './token.ts';

const TOKEN_FILE_NAME = 'token';
const DEFAULT_ROTATION_SECONDS = 300;
const MAX_GRACE_MS = 10_000;

export interface TokenFileSeam {
  /** A new folder only we can enter (0700), created so that it cannot have existed before. */
  makePrivateDir(): string;
  /** Atomic replace, mode 0600. */
  writeSecret(path: string, text: string): void;
  removeDir(path: string): void;
}

interface RotatingTokenFile extends TokenAuthority {
  path: string;
  stop(): void;
}

/** AWSCTL_SERVER_TOKEN_ROTATION: seconds between rotations (default 300). */
export function rotationSeconds(env: Env): number {
  const raw = env.AWSCTL_SERVER_TOKEN_ROTATION?.trim();
  return raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_ROTATION_SECONDS;
}

export function startRotatingTokenFile(
  seam: TokenFileSeam,
  options: { rotateMs: number; nowMs(): number; timers: Timers; debug(message: string): void },
): RotatingTokenFile {
  const dir = seam.makePrivateDir();
  const path = join(dir, TOKEN_FILE_NAME);
  const graceMs = Math.min(MAX_GRACE_MS, options.rotateMs / 2);
  let current = newToken();
  let previous: { token: string; until: number } | undefined;
  seam.writeSecret(path, current);
  let timer: unknown;
  const rotate = () => {
    const next = newToken();
    seam.writeSecret(path, next);
    previous = { token: current, until: options.nowMs() + graceMs };
    current = next;
    options.debug('server: rotated the authorization token file');
    timer = options.timers.set(rotate, options.rotateMs);
  };
  timer = options.timers.set(rotate, options.rotateMs);
  return {
    path,
    acceptedTokens: () => (previous && previous.until > options.nowMs() ? [current, previous.token] : [current]),
    stop() {
      options.timers.clear(timer);
      try {
        seam.removeDir(dir);
      } catch {
        // Gone already; nothing secret is left behind by a failed removal of an empty folder.
      }
    },
  };
}
