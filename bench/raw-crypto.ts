// The floor any SigV4 signer stands on: the hashing and HMAC it cannot avoid, done directly
// with node:crypto and nothing else.
import { createHmac, createSecretKey, hash } from 'node:crypto';

/** What one signature must hash: the body (unless empty), the canonical request, the HMAC. */
export interface RawWork {
  body: string | Buffer | undefined;
  canonicalRequest: string;
  stringToSign: string;
  signingKey: Buffer;
}

/**
 * One signature's unavoidable crypto: SHA-256 of a non-empty payload (the empty payload's hash
 * is a constant), SHA-256 of the canonical request, one HMAC with an already derived key. Hashes
 * use the one-shot crypto.hash, the cheapest call node:crypto offers.
 *
 * @example rawSignatureCost(work)() // hex signature
 */
export function rawSignatureCost(work: RawWork): () => string {
  // A KeyObject and a Buffer key cost the same per HMAC on Node 20; the KeyObject skips a copy.
  const keyObject = createSecretKey(work.signingKey);
  const hasBody = work.body !== undefined && work.body.length > 0;
  return () => {
    if (hasBody) hash('sha256', work.body as Buffer, 'hex');
    hash('sha256', work.canonicalRequest, 'hex');
    return createHmac('sha256', keyObject).update(work.stringToSign).digest('hex');
  };
}

/**
 * Bare hex SHA-256 of a buffer.
 *
 * @example bareSha256(Buffer.alloc(1 << 20))()
 */
export function bareSha256(data: Buffer): () => string {
  return () => hash('sha256', data, 'hex');
}
