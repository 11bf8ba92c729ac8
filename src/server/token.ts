// The authorization token of the container endpoint: 256 random bits, and a comparison whose
// time does not depend on where a guess first differs. Both sides are hashed first so that
// timingSafeEqual always compares 32 bytes: a guess of another length takes the same time too.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, legal in a header and in a file. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Whether `given` equals one of `accepted`; every candidate is compared, so the time does not say which. */
export function tokenMatches(given: string | undefined, accepted: readonly string[]): boolean {
  const guess = digest(given ?? '');
  let match = false;
  for (const token of accepted) {
    if (timingSafeEqual(guess, digest(token)) && given !== undefined && given !== '') match = true;
  }
  return match;
}

/** Who may fetch credentials: a fixed token, or the current tokens of a rotating token file. */
export interface TokenAuthority {
  acceptedTokens(): readonly string[];
}

export function fixedToken(token: string): TokenAuthority {
  return { acceptedTokens: () => [token] };
}
