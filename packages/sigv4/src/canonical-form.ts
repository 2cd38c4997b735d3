// The canonical request of a signing plan, built in full from the request's parts: the general
// path every signature can take (signing-template.ts reuses its results for repeated shapes).
import { joinSignedNames, selectSignedHeaders } from './canonical-headers.js';
import type { EncodedParam } from './canonical-query.js';
import {
  canonicalRequest,
  canonicalRequestParts,
  type CanonicalRequestParts,
} from './canonical-request.js';
import { ALGORITHM } from './credential-scope.js';
import type { SigningPlan } from './signing-plan.js';
import { uriEncode } from './uri-encoding.js';

/** The canonical request of a plan, with its parts and what the signed result is built from. */
export interface CanonicalForm {
  parts: CanonicalRequestParts;
  text: string;
  /** `text` as UTF-8, when a template had it at hand (valid until the next signature). */
  encoded?: Uint8Array;
  /** The signed header names, sorted. */
  signedNames: readonly string[];
  /**
   * Header mode: the URL to send. Query mode: the URL up to and including
   * `&X-Amz-Signature=`, the signature goes last.
   */
  url: string;
  /** Header mode: the Authorization value up to and including `Signature=`; query mode: ''. */
  authorizationHead: string;
}

const AUTH_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Security-Token',
  'X-Amz-Signature',
]);

/**
 * Whether the plan's session token is signed into the request (header or query).
 *
 * @example signsToken(plan) // true for temporary credentials with sessionToken 'signed'
 */
export function signsToken(plan: SigningPlan): boolean {
  const token = plan.options.credentials.sessionToken;
  return token !== undefined && token !== '' && plan.options.sessionToken === 'signed';
}

/**
 * Sets the headers signing adds or removes: x-amz-date and a signed session token in header
 * mode; in query mode an X-Amz-Date header would contradict the query's, so it goes.
 *
 * @example applyAuthHeaders(plan)
 */
export function applyAuthHeaders(plan: SigningPlan): void {
  const { headers } = plan.request;
  const { options } = plan;
  if (plan.mode === 'header') {
    headers.set('x-amz-date', options.amzDate);
    if (signsToken(plan)) headers.set('x-amz-security-token', options.credentials.sessionToken!);
    else if (options.sessionToken === 'appended') headers.delete('x-amz-security-token');
  } else {
    headers.delete('x-amz-date');
  }
}

/**
 * Builds the canonical request once the payload hash is known, from the request's parts.
 *
 * @example canonicalizeFully(plan, EMPTY_PAYLOAD_HASH).text
 */
export function canonicalizeFully(plan: SigningPlan, payloadHash: string): CanonicalForm {
  const { request, options } = plan;
  const headers = request.headers;
  if (options.contentSha256Header === 'include') headers.set('x-amz-content-sha256', payloadHash);
  applyAuthHeaders(plan);

  const signedNames = selectSignedHeaders(headers, options.signedHeaders);
  const signedHeaders = joinSignedNames(signedNames);
  let params: readonly EncodedParam[] = request.params;
  if (plan.mode === 'query') {
    const all = params.filter(([name]) => !AUTH_PARAMS.has(name));
    all.push(
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', encodedCredential(options.credentials.accessKeyId, plan.scope)],
      ['X-Amz-Date', options.amzDate],
      ['X-Amz-Expires', String(plan.expiresIn)],
      ['X-Amz-SignedHeaders', uriEncode(signedHeaders)],
    );
    if (signsToken(plan)) {
      all.push(['X-Amz-Security-Token', uriEncode(options.credentials.sessionToken!)]);
    }
    params = all;
  }

  const parts = canonicalRequestParts({
    method: request.method,
    path: request.path,
    params,
    headers,
    signedNames,
    payloadHash,
    pathEncoding: options.pathEncoding,
    pathNormalization: options.pathNormalization,
    signedHeaders,
  });
  const origin = request.protocol + '//' + request.host + request.path;
  const query = parts.canonicalQuery;
  const header = plan.mode === 'header';
  return {
    parts,
    text: canonicalRequest(parts),
    signedNames,
    url: header
      ? origin + (query === '' ? '' : '?' + query)
      : origin + '?' + query + '&X-Amz-Signature=',
    authorizationHead: header
      ? ALGORITHM +
        ' Credential=' +
        options.credentials.accessKeyId +
        '/' +
        plan.scope +
        ', SignedHeaders=' +
        signedHeaders +
        ', Signature='
      : '',
  };
}

let lastCredential = { accessKeyId: '', scope: '', encoded: '' };

// X-Amz-Credential as it goes in the query; the same key and scope sign many URLs in a row.
function encodedCredential(accessKeyId: string, scope: string): string {
  const last = lastCredential;
  if (last.accessKeyId === accessKeyId && last.scope === scope) return last.encoded;
  const encoded = uriEncode(accessKeyId + '/' + scope);
  lastCredential = { accessKeyId, scope, encoded };
  return encoded;
}
