// Reads an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
// header, tolerant of white space and commas the way AWS is.
import { ALGORITHM } from './credential-scope.js';
import { clip, refuse, type VerifyFailure } from './verify-errors.js';
import { readSignedHeaders } from './read-signed-headers.js';
import { parseCredential, type ParsedCredential } from './verify-scope.js';

/** The parts of a SigV4 Authorization header. */
export interface ParsedAuthorization {
  credential: ParsedCredential;
  signedHeaders: string[];
  signature: string;
}

const REQUIRED = ['Credential', 'SignedHeaders', 'Signature'] as const;
const USUAL_HEAD = 'AWS4-HMAC-SHA256 Credential=';
const USUAL_SIGNED_HEADERS = ', SignedHeaders=';
const USUAL_SIGNATURE = ', Signature=';

// `AWS4-HMAC-SHA256 Credential=C, SignedHeaders=H, Signature=S` with single spaces, read by
// position: what the tolerant path would read from it, or undefined to leave it to that path.
// Parts the tolerant path would split differently (a comma inside) are left to it; a signature
// that is not 64 hex digits is read as it stands, as there, and simply does not match.
function readUsualForm(value: string): ParsedAuthorization | undefined {
  // A client's headers differ only in their signature for a day: when everything before it is
  // what the last usual-form header had, it reads the same.
  const last = lastUsual;
  if (
    last !== undefined &&
    value.length > last.head.length &&
    value.lastIndexOf(last.head, 0) === 0
  ) {
    const signature = value.slice(last.head.length);
    if (!signature.includes(',')) {
      return {
        credential: last.credential,
        signedHeaders: last.signedHeaders.slice(),
        signature,
      };
    }
  }

  if (!value.startsWith(USUAL_HEAD)) return undefined;
  const headersAt = value.indexOf(USUAL_SIGNED_HEADERS, USUAL_HEAD.length);
  if (headersAt === -1) return undefined;
  const signatureAt = value.indexOf(USUAL_SIGNATURE, headersAt + USUAL_SIGNED_HEADERS.length);
  if (signatureAt === -1) return undefined;
  const credentialText = value.slice(USUAL_HEAD.length, headersAt);
  const headersText = value.slice(headersAt + USUAL_SIGNED_HEADERS.length, signatureAt);
  const signature = value.slice(signatureAt + USUAL_SIGNATURE.length);
  if (credentialText.includes(',') || headersText.includes(',') || signature.includes(',')) {
    return undefined;
  }
  const credential = parseCredential(credentialText);
  const signedHeaders = readSignedHeaders(headersText);
  if (credential === undefined || signedHeaders === undefined) return undefined;
  lastUsual = {
    head: value.slice(0, signatureAt + USUAL_SIGNATURE.length),
    credential,
    signedHeaders: signedHeaders.slice(),
  };
  return { credential, signedHeaders, signature };
}

// The start of the last usual-form header read (up to `Signature=`) and what it held.
let lastUsual:
  { head: string; credential: ParsedCredential; signedHeaders: readonly string[] } | undefined;
/**
 * Parses an Authorization header value, or says (as AWS's `IncompleteSignature`) what is missing
 * or malformed. `dateProblem` is AWS's sentence about a missing date, reported together with any
 * missing parameter as AWS does.
 *
 * @example parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20200718/us-east-1/iam/' +
 *   'aws4_request, SignedHeaders=host;x-amz-date, Signature=' + signature)
 */
export function parseAuthorization(
  value: string,
  dateProblem?: string,
): ParsedAuthorization | VerifyFailure {
  // The form every SDK sends, read in one step; anything else takes the tolerant path below.
  if (dateProblem === undefined) {
    const usual = readUsualForm(value);
    if (usual !== undefined) return usual;
  }

  const text = value.trim();
  const space = text.search(/\s/);
  const algorithm = space === -1 ? text : text.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return refuse('IncompleteSignature', `Unsupported AWS 'algorithm': '${clip(algorithm)}'.`);
  }

  const fields = new Map<string, string>();
  for (const item of text.slice(algorithm.length).split(',')) {
    const field = item.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq === -1) return malformed(text, `'${clip(field, 64)}' is not of the form name=value`);
    const name = field.slice(0, eq).trim();
    if (fields.has(name)) return malformed(text, `'${clip(name, 64)}' is given more than once`);
    fields.set(name, field.slice(eq + 1).trim());
  }

  const problems: string[] = [];
  for (const name of REQUIRED) {
    if (!fields.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  if (dateProblem !== undefined) problems.push(dateProblem);
  if (problems.length > 0) {
    return refuse('IncompleteSignature', problems.join(' ') + ` Authorization=${clip(text)}`);
  }

  const credentialText = fields.get('Credential') as string;
  const credential = parseCredential(credentialText);
  if (credential === undefined) {
    return refuse(
      'IncompleteSignature',
      'Credential must have exactly 5 slash-delimited elements, e.g. ' +
        `keyid/date/region/service/term, got '${clip(credentialText)}'`,
    );
  }
  const signedHeaders = readSignedHeaders((fields.get('SignedHeaders') as string).toLowerCase());
  if (signedHeaders === undefined) {
    return malformed(text, 'SignedHeaders must be header names separated by ";"');
  }
  return { credential, signedHeaders, signature: fields.get('Signature') as string };
}

function malformed(text: string, problem: string): VerifyFailure {
  return refuse(
    'IncompleteSignature',
    `Authorization header is malformed: ${problem}. Authorization=${clip(text)}`,
  );
}
