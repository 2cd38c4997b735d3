// Comparisons whose time must not tell an attacker how much of a secret value they guessed.

/**
 * Equality of two strings in time that depends only on their lengths.
 *
 * @example constantTimeEqual('abc', 'abc') // true
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

// The computed and the presented signature side by side as bytes, read as 32-bit words. A
// signature read from a request is a slice of a header or URL string, and reading such a slice a
// character at a time costs several times as much as one copy into a buffer; one copy of both
// (joined) costs a single call, and words compare four bytes at a time. Portable: the Web Crypto
// verifier uses it as well.
const SIDE = 64;
const pairBytes = new Uint8Array(2 * SIDE);
const pairWords = new Uint32Array(pairBytes.buffer);
const presentedBytes = pairBytes.subarray(0, SIDE);
const utf8 = new TextEncoder();

/**
 * Whether a presented signature equals the computed one (lower-case hex), in time that depends
 * only on the lengths (public): every character is compared, whatever the first difference.
 *
 * @example signatureMatches(hmacHex(key, stringToSign), plan.signature)
 */
export function signatureMatches(computed: string, presented: string): boolean {
  const length = computed.length;
  if (presented.length !== length) return false;
  if (length !== SIDE)
    return length > SIDE ? constantTimeEqual(computed, presented) : short(computed, presented);
  // A character outside ASCII takes two or more bytes, each 0x80 or above: with one, the pair
  // does not fit (fewer characters read, or bytes written). So 128 characters read as 128 bytes
  // are all ASCII, and equal words mean equal characters.
  const { read, written } = utf8.encodeInto(computed + presented, pairBytes);
  let difference = (read ^ (2 * SIDE)) | (written ^ (2 * SIDE));
  for (let i = 0; i < SIDE / 4; i++) difference |= pairWords[i] ^ pairWords[i + SIDE / 4];
  return difference === 0;
}

// Shorter than a signature: the presented value's bytes against the computed characters. A
// presented character outside ASCII either does not fit (fewer bytes written) or differs from
// every ASCII character.
function short(computed: string, presented: string): boolean {
  const length = computed.length;
  const written = utf8.encodeInto(presented, presentedBytes).written;
  let difference = written ^ length;
  for (let i = 0; i < length; i++) difference |= computed.charCodeAt(i) ^ presentedBytes[i];
  return difference === 0;
}
