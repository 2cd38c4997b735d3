import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/** A signing key ready for HMAC on Node: a KeyObject, so no copy is made per signature. */
export type NodeSigningKey = KeyObject;

/**
 * Hex SHA-256 with node:crypto.
 *
 * @example sha256Hex('') // 'e3b0c442...b855'
 */
export function sha256Hex(data: string | Uint8Array): string {
  return oneShotHash === undefined
    ? createHash('sha256').update(data).digest('hex')
    : oneShotHash('sha256', data, 'hex');
}

// crypto.hash (Node 20.12+) skips the Hash object: about half the cost for short inputs.
const oneShotHash = (nodeCrypto as { hash?: typeof nodeCrypto.hash }).hash;

/**
 * Derives the SigV4 signing key: HMAC chain over date, region, service and `aws4_request`.
 *
 * @example deriveSigningKey(secret, '20200718', 'us-east-1', 'iam')
 */
export function deriveSigningKey(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): NodeSigningKey {
  return createSecretKey(deriveSigningKeyBytes(secretAccessKey, date8, region, service));
}

/**
 * The raw bytes of the signing key (for explanation only; signing uses the KeyObject).
 *
 * @example deriveSigningKeyBytes(secret, '20200718', 'us-east-1', 'iam').length // 32
 */
export function deriveSigningKeyBytes(
  secretAccessKey: string,
  date8: string,
  region: string,
  service: string,
): Buffer {
  const kDate = createHmac('sha256', 'AWS4' + secretAccessKey)
    .update(date8)
    .digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

/**
 * Hex HMAC-SHA256 of a string with a signing key.
 *
 * @example hmacHex(key, stringToSign)
 */
export function hmacHex(key: NodeSigningKey, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
