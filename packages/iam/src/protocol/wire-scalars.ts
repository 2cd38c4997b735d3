/**
 * Writes a timestamp as AWS does: ISO 8601 in UTC with `Z`, with milliseconds only when
 * there are some.
 *
 * @example
 * formatTimestamp(new Date(Date.UTC(2024, 0, 1))); // '2024-01-01T00:00:00Z'
 */
export function formatTimestamp(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * Reads a timestamp from the wire: ISO 8601 (what IAM and STS send) or epoch seconds.
 * Returns undefined for text that is neither.
 *
 * @example
 * parseTimestamp('2024-01-01T00:00:00Z')?.getTime(); // 1704067200000
 */
export function parseTimestamp(text: string): Date | undefined {
  const trimmed = text.trim();
  const date = /^-?\d+(\.\d+)?$/.test(trimmed)
    ? new Date(Number(trimmed) * 1000)
    : new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Base64-encodes bytes (a string is taken as its UTF-8 bytes), as blobs travel.
 *
 * @example
 * encodeBase64(new TextEncoder().encode('hi')); // 'aGk='
 */
export function encodeBase64(value: Uint8Array | string): string {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes base64 text to bytes; whitespace inside the text is ignored.
 *
 * @example
 * new TextDecoder().decode(decodeBase64('aGk=')); // 'hi'
 */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
