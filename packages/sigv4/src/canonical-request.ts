import { canonicalHeaders, joinSignedNames } from './canonical-headers.js';
import { canonicalQuery, type EncodedParam } from './canonical-query.js';
import { canonicalUri, type PathEncoding, type PathNormalization } from './canonical-uri.js';

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

/** What a canonical request is made from, once the signed names and payload hash are known. */
export interface CanonicalRequestInput {
  method: string;
  /** The path as it stands on the wire. */
  path: string;
  params: readonly EncodedParam[];
  headers: Map<string, string>;
  signedNames: readonly string[];
  payloadHash: string;
  pathEncoding: PathEncoding;
  pathNormalization: PathNormalization;
  /** `signedNames` joined with `;`, when the caller has it already. */
  signedHeaders?: string;
}

/**
 * The six parts of a canonical request, from the request's parts: the one place both the signer
 * and the verifier canonicalize.
 *
 * @example canonicalRequest(canonicalRequestParts({ method: 'GET', path: '/', params: [],
 *   headers, signedNames: ['host'], payloadHash, pathEncoding: 'double',
 *   pathNormalization: 'normalize' }))
 */
export function canonicalRequestParts(input: CanonicalRequestInput): CanonicalRequestParts {
  return {
    method: input.method,
    canonicalUri: canonicalUri(input.path, input.pathEncoding, input.pathNormalization),
    canonicalQuery: canonicalQuery(input.params),
    canonicalHeaders: canonicalHeaders(input.headers, input.signedNames),
    signedHeaders: input.signedHeaders ?? joinSignedNames(input.signedNames),
    payloadHash: input.payloadHash,
  };
}
