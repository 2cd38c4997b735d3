// The same primitives on Web Crypto (browsers, workers, Deno, Bun, Node's globalThis.crypto).
// Every call is asynchronous; nothing here imports a Node module.

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const api = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!api) throw new Error('Web Crypto (crypto.subtle) is not available in this runtime');
  return api;
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return out;
}

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? encoder.encode(data) : data;
}

/** A signing key ready for HMAC on Web Crypto, with its raw bytes for explanation. */
export interface WebSigningKey {
  key: CryptoKey;
  bytes: Uint8Array;
}

/**
 * Hex SHA-256 with Web Crypto.
 *
 * @example await sha256HexAsync('') // 'e3b0c442...b855'
 */
export async function sha256HexAsync(data: string | Uint8Array): Promise<string> {
  return toHex(await subtle().digest('SHA-256', toBytes(data) as BufferSource));
}

async function hmacBytes(key: Uint8Array, data: string): Promise<Uint8Array> {
  const cryptoKey = await importHmacKey(key);
  return new Uint8Array(await subtle().sign('HMAC', cryptoKey, encoder.encode(data)));
}

function importHmacKey(key: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
}

/**
 * Derives the SigV4 signing key with Web Crypto.
 *
 * @example await deriveSigningKeyAsync(secret, '20200718', 'us-east-1', 'iam')
 */
export async function deriveSigningKeyAsync(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): Promise<WebSigningKey> {
  const kDate = await hmacBytes(encoder.encode('AWS4' + secretAccessKey), date8);
  const kRegion = await hmacBytes(kDate, region);
  const kService = await hmacBytes(kRegion, service);
  const bytes = await hmacBytes(kService, 'aws4_request');
  return { key: await importHmacKey(bytes), bytes };
}

/**
 * Hex HMAC-SHA256 of a string with a signing key, on Web Crypto.
 *
 * @example await hmacHexAsync(key, stringToSign)
 */
export async function hmacHexAsync(key: WebSigningKey, data: string): Promise<string> {
  return toHex(await subtle().sign('HMAC', key.key, encoder.encode(data)));
}

/**
 * Hex encoding of bytes (for the explained signing key).
 *
 * @example bytesToHex(new Uint8Array([1, 255])) // '01ff'
 */
export function bytesToHex(bytes: Uint8Array): string {
  return toHex(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
}
