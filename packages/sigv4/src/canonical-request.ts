/** The six parts of a canonical request, kept apart for explanation. */
export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
}

/**
 * Joins the six parts: method, canonical URI, canonical query, canonical headers (each line
 * ending in a newline), signed header names, payload hash.
 *
 * @example canonicalRequest({ method: 'GET', canonicalUri: '/', canonicalQuery: '',
 *   canonicalHeaders: 'host:h\n', signedHeaders: 'host', payloadHash: EMPTY_PAYLOAD_HASH })
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return (
    parts.method +
    '\n' +
    parts.canonicalUri +
    '\n' +
    parts.canonicalQuery +
    '\n' +
    parts.canonicalHeaders +
    '\n' +
    parts.signedHeaders +
    '\n' +
    parts.payloadHash
  );
}
