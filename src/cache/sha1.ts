// SHA-1 in plain JavaScript, for the AWS CLI's cache file names (sha1 hex of a short JSON text).
// Why not node:crypto: loading it costs a cached `awsctl process` about 6 ms of start-up — a fifth
// of a bare `node -e 0` — while hashing a 60-byte key here takes microseconds (measured with
// bench/run.ts; see bench/RESULTS.md). Not for secrets or large inputs: it is only a file name.

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** Message bytes + 0x80 + zero padding + 64-bit big-endian bit length, as 32-bit big-endian words. */
function paddedWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array((((bytes.length + 8) >> 6) + 1) * 16);
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (24 - (i & 3) * 8);
  words[bytes.length >> 2]! |= 0x80 << (24 - (bytes.length & 3) * 8);
  const bits = bytes.length * 8;
  words[words.length - 2] = Math.floor(bits / 0x100000000);
  words[words.length - 1] = bits >>> 0;
  return words;
}

function sha1HexOfBytes(bytes: Uint8Array): string {
  const words = paddedWords(bytes);
  const w = new Uint32Array(80);
  let h0 = 0x67452301,
    h1 = 0xefcdab89,
    h2 = 0x98badcfe,
    h3 = 0x10325476,
    h4 = 0xc3d2e1f0;
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 16; t++) w[t] = words[block + t]!;
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let a = h0,
      b = h1,
      c = h2,
      d = h3,
      e = h4;
    for (let t = 0; t < 80; t++) {
      // Four rounds of 20 steps, each with its own mixing function and constant (FIPS 180-4 §6.1.2).
      let f: number;
      if (t < 20) f = ((b & c) | (~b & d)) + 0x5a827999;
      else if (t < 40) f = (b ^ c ^ d) + 0x6ed9eba1;
      else if (t < 60) f = ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
      else f = (b ^ c ^ d) + 0xca62c1d6;
      const temp = (rotl(a, 5) + f + e + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** sha1 hex of the UTF-8 bytes of `text` (what Python's hashlib.sha1(text.encode('utf-8')) gives). */
export function sha1Hex(text: string): string {
  return sha1HexOfBytes(new TextEncoder().encode(text));
}
