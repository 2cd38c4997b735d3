import type { CanonicalRequestParts } from './canonical-request.js';

/**
 * Everything a signature was made from, so a person can follow it step by step. Never holds the
 * secret; holds the derived signing key only when `exposeSigningKey` was asked for.
 */
export interface Explanation {
  algorithm: 'AWS4-HMAC-SHA256';
  mode: 'header' | 'query';
  accessKeyId: string;
  amzDate: string;
  region: string;
  service: string;
  credentialScope: string;
  canonicalRequestParts: CanonicalRequestParts;
  canonicalRequest: string;
  canonicalRequestHash: string;
  stringToSign: string;
  signedHeaders: string;
  payloadHash: string;
  signature: string;
  /** Hex of the derived signing key; present only when asked for. */
  signingKey?: string;
}

/** A request signed with an Authorization header. */
export interface SignedRequest {
  method: string;
  /** The URL to send, with the canonical query (what was signed). */
  url: string;
  /** Headers to send, lower-case names: the request's own plus host, x-amz-date, authorization. */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  explanation: Explanation;
}

/** A presigned URL. */
export interface PresignedUrl {
  method: string;
  url: string;
  /** Signed headers the caller must send as they are, besides host (often none). */
  headers: Record<string, string>;
  /** X-Amz-Date. */
  signedAt: Date;
  /** X-Amz-Date plus X-Amz-Expires: the URL is refused after this. */
  expiresAt: Date;
  expiresIn: number;
  explanation: Explanation;
}

/**
 * The four steps a person follows when signing by hand, as text: canonical request, string to
 * sign, signing key derivation, signature.
 *
 * @example console.log(formatExplanation(signRequest(req, opts).explanation))
 */
export function formatExplanation(explanation: Explanation): string {
  const e = explanation;
  const scope = e.credentialScope.split('/');
  const key = e.signingKey ?? '(hidden: ask for it with --show-signing-key)';
  return [
    'Step 1: canonical request',
    '  method, canonical URI, canonical query, canonical headers, signed headers, payload hash',
    indent(e.canonicalRequest),
    '',
    'Step 2: string to sign',
    '  algorithm, request date, credential scope, hex SHA-256 of the canonical request',
    indent(e.stringToSign),
    '',
    'Step 3: signing key',
    `  kDate    = HMAC-SHA256("AWS4" + secret, "${scope[0]}")`,
    `  kRegion  = HMAC-SHA256(kDate, "${scope[1]}")`,
    `  kService = HMAC-SHA256(kRegion, "${scope[2]}")`,
    `  kSigning = HMAC-SHA256(kService, "aws4_request") = ${key}`,
    '',
    'Step 4: signature',
    '  hex HMAC-SHA256(kSigning, string to sign)',
    '  ' + e.signature,
    '',
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => '    ' + line)
    .join('\n');
}
