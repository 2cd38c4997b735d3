// The floor any SigV4 signer stands on: the hashing and HMAC it cannot avoid, done directly
// with node:crypto and nothing else.
import { hash } from 'node:crypto';

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
 * use the one-shot crypto.hash, the cheapest call node:crypto offers; the HMAC is the cheapest
 * correct one found on Node 20: RFC 2104 spelled out as two one-shot hashes over the key's pad
 * blocks (key XOR 0x36, key XOR 0x5c) prepared once, the inner digest passed as a binary
 * string: about half the cost of createHmac.
 *
 * @example rawSignatureCost(work)() // hex signature
 */
export function rawSignatureCost(work: RawWork): () => string {
  const hmac = padBlockHmac(work.signingKey);
  const hasBody = work.body !== undefined && work.body.length > 0;
  return () => {
    if (hasBody) hash('sha256', work.body as Buffer, 'hex');
    hash('sha256', work.canonicalRequest, 'hex');
    return hmac(work.stringToSign);
  };
}

// HMAC-SHA256 for a key of at most 64 bytes and a message of at most 1 KiB.
function padBlockHmac(key: Buffer): (message: string) => string {
  const inner = Buffer.alloc(64 + 1024);
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  let view = inner.subarray(0, 0);
  return (message) => {
    const length = 64 + inner.write(message, 64);
    if (length !== view.length) view = inner.subarray(0, length);
    // The inner digest as a binary string: no Buffer allocated per call.
    outer.write(hash('sha256', view, 'binary'), 64, 'latin1');
    return hash('sha256', outer, 'hex');
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
