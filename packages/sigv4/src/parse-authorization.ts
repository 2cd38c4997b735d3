// Reads an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`
// header, tolerant of white space and commas the way AWS is.
import { ALGORITHM } from './credential-scope.js';
import { clip, refuse, type VerifyFailure } from './verify-errors.js';
import { parseCredential, type ParsedCredential } from './verify-scope.js';

/** The parts of a SigV4 Authorization header. */
export interface ParsedAuthorization {
  credential: ParsedCredential;
  signedHeaders: string[];
  signature: string;
}

const REQUIRED = ['Credential', 'SignedHeaders', 'Signature'] as const;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

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
  // The form every SDK sends, read with indexOf; anything else takes the tolerant path below.
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
  const signedHeaders = (fields.get('SignedHeaders') as string).toLowerCase().split(';');
  if (!signedHeaders.every((name) => HEADER_NAME.test(name))) {
    return malformed(text, 'SignedHeaders must be header names separated by ";"');
  }
  return { credential, signedHeaders, signature: fields.get('Signature') as string };
}

const USUAL_START = ALGORITHM + ' Credential=';
const SIGNED_HEADERS_PART = ', SignedHeaders=';
const SIGNATURE_PART = ', Signature=';

/**
 * `AWS4-HMAC-SHA256 Credential=<c>, SignedHeaders=<h>, Signature=<64 lower-case hex>`, with no
 * white space, comma or `=` inside `<c>` and `<h>`; undefined for any other form.
 */
function readUsualForm(value: string): ParsedAuthorization | undefined {
  if (!value.startsWith(USUAL_START)) return undefined;
  const credentialEnd = value.indexOf(SIGNED_HEADERS_PART, USUAL_START.length);
  if (credentialEnd === -1) return undefined;
  const headersStart = credentialEnd + SIGNED_HEADERS_PART.length;
  const headersEnd = value.indexOf(SIGNATURE_PART, headersStart);
  if (headersEnd === -1) return undefined;
  const signatureStart = headersEnd + SIGNATURE_PART.length;
  if (value.length - signatureStart !== 64) return undefined;

  const credentialText = value.slice(USUAL_START.length, credentialEnd);
  const headersText = value.slice(headersStart, headersEnd);
  const signature = value.slice(signatureStart);
  if (!isPlainField(credentialText) || !isPlainField(headersText) || !isLowerHex(signature)) {
    return undefined;
  }
  const credential = parseCredential(credentialText);
  const signedHeaders = headersText.split(';');
  if (credential === undefined || !signedHeaders.every((name) => HEADER_NAME.test(name))) {
    return undefined;
  }
  return { credential, signedHeaders, signature };
}

// Non-empty, without white space, `,` or `=` (what the usual form allows in a field).
function isPlainField(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2c || code === 0x3d || code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
      return false;
    }
    if (code === 0x85 || code === 0xa0 || code === 0x1680 || code >= 0x2000) {
      // Other characters \s matches: leave those rare values to the tolerant path.
      if (/\s/.test(text[i])) return false;
    }
  }
  return true;
}

function isLowerHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}

function malformed(text: string, problem: string): VerifyFailure {
  return refuse(
    'IncompleteSignature',
    `Authorization header is malformed: ${problem}. Authorization=${clip(text)}`,
  );
}
