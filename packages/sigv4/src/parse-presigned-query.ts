// Reads the X-Amz-* parameters of a presigned URL (query-string authentication).
import type { EncodedParam } from './canonical-query.js';
import { ALGORITHM } from './credential-scope.js';
import { MAX_EXPIRES } from './sign-options.js';
import { amzDateMs } from './signing-date.js';
import { uriDecode } from './uri-encoding.js';
import { clip, refuse, type VerifyFailure } from './verify-errors.js';
import { parseCredential, type ParsedCredential } from './verify-scope.js';
import { readSignedHeaders } from './read-signed-headers.js';

/** The parts of a presigned URL's authentication parameters. */
export interface ParsedPresignedQuery {
  credential: ParsedCredential;
  amzDate: string;
  /** X-Amz-Date in epoch milliseconds. */
  signedAtMs: number;
  expiresIn: number;
  signedHeaders: string[];
  signature: string;
  sessionToken: string | undefined;
  /** The query as signed: every parameter but X-Amz-Signature. */
  signedParams: EncodedParam[];
}

const REQUIRED = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-Date',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
] as const;
const REQUIRED_INDEX: ReadonlyMap<string, number> = new Map(REQUIRED.map((name, i) => [name, i]));
// Positions in REQUIRED.
const [ALGORITHM_AT, CREDENTIAL, SIGNATURE, DATE, SIGNED_HEADERS, EXPIRES] = [0, 1, 2, 3, 4, 5];
// Any of these marks a request as presigned; X-Amz-Date alone does not.
const MARKERS: ReadonlySet<string> = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Expires',
]);

/**
 * Whether a query carries presigned-URL authentication parameters.
 *
 * @example isPresigned([['X-Amz-Algorithm', 'AWS4-HMAC-SHA256']]) // true
 */
export function isPresigned(params: readonly EncodedParam[]): boolean {
  for (let i = 0; i < params.length; i++) if (MARKERS.has(params[i][0])) return true;
  return false;
}

/**
 * Parses a presigned URL's parameters (canonically encoded pairs, as `parseQuery` gives them),
 * or refuses them as AWS's `AuthorizationQueryParametersError`.
 *
 * @example parsePresignedQuery(parseQuery(new URL(url).search.slice(1), 'space'))
 */
export function parsePresignedQuery(
  params: readonly EncodedParam[],
): ParsedPresignedQuery | VerifyFailure {
  // One slot per authentication parameter (no Map: this runs for every presigned request).
  const values: (string | undefined)[] = [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  let sessionToken: string | undefined;
  let seenToken = false;
  const signedParams: EncodedParam[] = [];
  for (let i = 0; i < params.length; i++) {
    const param = params[i];
    const name = param[0];
    const slot = REQUIRED_INDEX.get(name);
    if (slot !== undefined) {
      if (values[slot] !== undefined) return queryError(`${name} is given more than once`);
      values[slot] = decodeAuthValue(param[1]);
      if (slot === SIGNATURE) continue;
    } else if (name === 'X-Amz-Security-Token') {
      if (seenToken) return queryError(`${name} is given more than once`);
      seenToken = true;
      sessionToken = decodeAuthValue(param[1]);
    }
    signedParams.push(param);
  }

  const algorithm = values[ALGORITHM_AT];
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    return queryError(`X-Amz-Algorithm only supports "${ALGORITHM}", not '${clip(algorithm)}'`);
  }
  if (!values[0] || !values[1] || !values[2] || !values[3] || !values[4] || !values[5]) {
    const missing = REQUIRED.filter((_, index) => !values[index]);
    return queryError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, ' +
        'X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters. ' +
        `Missing: ${missing.join(', ')}.`,
    );
  }
  const expiresText = values[EXPIRES] as string;
  const expiresIn = readExpires(expiresText);
  if (Number.isNaN(expiresIn)) return queryError('X-Amz-Expires should be a number');
  if (expiresIn < 0) return queryError('X-Amz-Expires must be non-negative');
  if (expiresIn > MAX_EXPIRES) {
    return queryError(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES}`);
  }
  if (expiresIn === 0) return queryError('X-Amz-Expires must be at least 1 second');

  const amzDate = values[DATE] as string;
  const signedAtMs = amzDateMs(amzDate);
  if (Number.isNaN(signedAtMs)) {
    return queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }

  const credential = parseCredential(values[CREDENTIAL] as string);
  if (credential === undefined) {
    return queryError(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting ' +
        '"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request"',
    );
  }
  const signedHeaders = readSignedHeaders(values[SIGNED_HEADERS] as string);
  if (signedHeaders === undefined) {
    return queryError('X-Amz-SignedHeaders must be lower-case header names separated by ";"');
  }

  return {
    credential,
    amzDate,
    signedAtMs,
    expiresIn,
    signedHeaders,
    signature: values[SIGNATURE] as string,
    sessionToken,
    signedParams,
  };
}

// The last escaped value decoded: in practice the credential (the other values need no
// decoding), the same for every URL one access key signs.
let lastEncoded = '';
let lastDecoded = '';

function decodeAuthValue(value: string): string {
  if (!value.includes('%')) return value;
  if (value !== lastEncoded) {
    lastDecoded = uriDecode(value);
    lastEncoded = value;
  }
  return lastDecoded;
}

// X-Amz-Expires as a number: up to 15 digits, perhaps after a minus sign; NaN otherwise.
function readExpires(text: string): number {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const digits = text.length - start;
  if (digits < 1 || digits > 15) return NaN;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
  }
  return Number(text);
}

function queryError(message: string): VerifyFailure {
  return refuse('AuthorizationQueryParametersError', message);
}
