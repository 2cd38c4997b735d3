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

// The presented signature as bytes. A signature read from a request is a slice of a header or
// URL string, and reading such a slice a character at a time costs several times as much as one
// copy into a buffer. Portable: the Web Crypto verifier uses it as well.
const presentedBytes = new Uint8Array(64);
const utf8 = new TextEncoder();

/**
 * Whether a presented signature equals the computed one (lower-case hex), in time that depends
 * only on the lengths (public): every character is compared, whatever the first difference.
 *
 * @example signatureMatches(hmacHex(key, stringToSign), plan.signature)
 */
export function signatureMatches(computed: string, presented: string): boolean {
  const length = computed.length;
  if (presented.length !== length || length > presentedBytes.length) {
    return length > presentedBytes.length && constantTimeEqual(computed, presented);
  }
  // A presented character outside ASCII takes two or more bytes, each 0x80 or above: it either
  // does not fit (fewer bytes written) or differs from every hex digit. So 64 matching bytes
  // mean 64 matching characters.
  const written = utf8.encodeInto(presented, presentedBytes).written;
  let difference = written ^ length;
  for (let i = 0; i < length; i++) difference |= computed.charCodeAt(i) ^ presentedBytes[i];
  return difference === 0;
}
