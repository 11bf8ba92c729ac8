// The file store's cryptography, all from node:crypto: a key derived from the passphrase with
// scrypt (its parameters stored in the file, tuned when the file is made so that one derivation
// takes at least 100 ms), and AES-256-GCM per entry with a fresh 96-bit IV each time it is
// written and the profile name as additional data (an entry copied under another name fails).
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

export interface ScryptParams {
  name: 'scrypt';
  /** base64, 16 random bytes. */
  salt: string;
  N: number;
  r: number;
  p: number;
}

export interface Sealed {
  iv: string;
  tag: string;
  data: string;
}

const KEY_BYTES = 32;
/** The derivation must take at least this long on the machine that makes the file. */
const MIN_DERIVE_MS = 100;
const MIN_LOG_N = 15;
// 2^18 with r = 8 needs 256 MiB: the ceiling for tuning, and for what a store file may ask.
const MAX_LOG_N = 18;

function maxmem(params: Pick<ScryptParams, 'N' | 'r' | 'p'>): number {
  return 128 * params.N * params.r * (params.p + 2) + 1024 * 1024;
}

export function deriveKey(passphrase: string, params: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64'), KEY_BYTES, {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: maxmem(params),
  });
}

/**
 * New parameters: N doubled from 2^15 until one derivation takes ≥ MIN_DERIVE_MS (by `elapsedMs`,
 * the caller's clock), up to 2^18 (256 MiB). Returns the key made with them too, so the
 * passphrase is derived once.
 */
export function tuneScrypt(passphrase: string, elapsedMs: (fn: () => void) => number): { params: ScryptParams; key: Buffer } {
  const salt = randomBytes(16).toString('base64');
  for (let logN = MIN_LOG_N; ; logN++) {
    const params: ScryptParams = { name: 'scrypt', salt, N: 2 ** logN, r: 8, p: 1 };
    let key: Buffer = Buffer.alloc(0);
    const ms = elapsedMs(() => (key = deriveKey(passphrase, params)));
    if (ms >= MIN_DERIVE_MS || logN >= MAX_LOG_N) return { params, key };
  }
}

export function seal(key: Buffer, plaintext: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext, or undefined when the key is wrong or the entry was altered. */
export function unseal(key: Buffer, sealed: Sealed, aad: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export function isScryptParams(value: unknown): value is ScryptParams {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.name === 'scrypt' &&
    typeof v.salt === 'string' &&
    [v.N, v.r, v.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
    (v.N as number) <= 2 ** MAX_LOG_N &&
    ((v.N as number) & ((v.N as number) - 1)) === 0 &&
    (v.r as number) <= 32 &&
    (v.p as number) <= 16
  );
}

export function isSealed(value: unknown): value is Sealed {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.data === 'string';
}
