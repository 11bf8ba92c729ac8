// IMDSv2 session tokens: handed out by `PUT /latest/api/token` with a TTL of 1–21600 seconds
// and required on every GET, as on EC2. Only their SHA-256 digests are kept (a lookup then
// says nothing about a real token's bytes); at most MAX_TOKENS live at once, oldest dropped,
// so a loop of PUTs cannot grow memory.
import { createHash } from 'node:crypto';
import { newToken } from './token.ts';

const MAX_TTL_SECONDS = 21_600;
const MAX_TOKENS = 1_024;

export interface ImdsTokens {
  /** A new token for `ttlSeconds`, or undefined when the TTL is not an integer in 1–21600. */
  issue(ttlHeader: string | undefined, nowMs: number): { token: string; ttlSeconds: number } | undefined;
  isValid(token: string | undefined, nowMs: number): boolean;
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64');

export function createImdsTokens(): ImdsTokens {
  const expiries = new Map<string, number>();
  return {
    issue(ttlHeader, nowMs) {
      const text = ttlHeader?.trim() ?? '';
      if (!/^\d{1,5}$/.test(text)) return undefined;
      const ttlSeconds = Number(text);
      if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) return undefined;
      for (const [key, expiry] of expiries) if (expiry <= nowMs) expiries.delete(key);
      while (expiries.size >= MAX_TOKENS) expiries.delete(expiries.keys().next().value as string);
      const token = newToken();
      expiries.set(digest(token), nowMs + ttlSeconds * 1000);
      return { token, ttlSeconds };
    },
    isValid(token, nowMs) {
      if (token === undefined || token === '') return false;
      const expiry = expiries.get(digest(token));
      return expiry !== undefined && expiry > nowMs;
    },
  };
}
