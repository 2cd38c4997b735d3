import { createHmac } from 'node:crypto';

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * RFC 4648 base32 without padding, the form of a virtual MFA device's seed.
 *
 * @example
 * base32Encode(Buffer.from('hi')); // 'NBUQ'
 */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      text += base32Alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) text += base32Alphabet[(value << (5 - bits)) & 31];
  return text;
}

/**
 * Decodes RFC 4648 base32 (padding and case ignored).
 *
 * @example
 * base32Decode('NBUQ').toString(); // 'hi'
 */
export function base32Decode(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.toUpperCase().replace(/=+$/, '')) {
    const index = base32Alphabet.indexOf(char);
    if (index === -1) throw new TypeError(`not a base32 character: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The six-digit RFC 6238 code (HMAC-SHA1, 30-second steps) a virtual MFA device shows at
 * `time`; tests use it to produce the two codes `EnableMFADevice` asks for.
 *
 * @example
 * totpCode(seed, new Date()); // '492039'
 */
export function totpCode(base32Seed: string, time: Date, stepOffset = 0): string {
  const step = Math.floor(time.getTime() / 30_000) + stepOffset;
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));

  const digest = createHmac('sha1', base32Decode(base32Seed)).update(counter).digest();
  const offset = digest[digest.length - 1] & 15;
  const number = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, '0');
}

/**
 * Whether two codes are consecutive codes of the device around `time`. AWS asks for two
 * codes in a row; a few steps of clock drift either way are tolerated.
 *
 * @example
 * areConsecutiveCodes(seed, totpCode(seed, now, -1), totpCode(seed, now), now); // true
 */
export function areConsecutiveCodes(
  base32Seed: string,
  code1: string,
  code2: string,
  time: Date,
): boolean {
  for (let offset = -10; offset <= 2; offset++) {
    if (
      totpCode(base32Seed, time, offset) === code1 &&
      totpCode(base32Seed, time, offset + 1) === code2
    ) {
      return true;
    }
  }
  return false;
}
