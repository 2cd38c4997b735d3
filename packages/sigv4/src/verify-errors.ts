// What a verification answers, and AWS's code, HTTP status and wording for each refusal.
import { SigV4Error } from './errors.js';

/** The AWS error codes a verification can refuse a request with. */
export type VerifyErrorCode =
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'AuthorizationQueryParametersError'
  | 'InvalidArgument'
  | 'InvalidRequest'
  | 'SignatureDoesNotMatch'
  | 'InvalidClientTokenId'
  | 'AccessDenied'
  | 'XAmzContentSHA256Mismatch'
  | 'InternalFailure';

/** The scope a request was signed for, as its credential states it. */
export interface VerifiedScope {
  date: string;
  region: string;
  service: string;
}

/** A request whose signature holds. */
export interface VerifySuccess {
  ok: true;
  accessKeyId: string;
  mode: 'header' | 'query';
  credentialScope: VerifiedScope;
  /** Whether the request carried a session token (and it matched the key's). */
  sessionToken: boolean;
  signedHeaders: string[];
}

/** A refused request: AWS's code, the HTTP status to answer with, and AWS's wording. */
export interface VerifyFailure {
  ok: false;
  code: VerifyErrorCode;
  status: number;
  message: string;
  /** The canonical request the server computed (signature mismatches only, when asked for). */
  canonicalRequest?: string;
  /** The string to sign the server computed (signature mismatches only, when asked for). */
  stringToSign?: string;
  /**
   * What went wrong inside the server (`InternalFailure` only), for the operator's log. The
   * message never repeats it: a key store's error may hold what a client must not see.
   */
  cause?: unknown;
}

/** The answer of `verifyRequest`: never thrown, always returned. */
export type VerifyResult = VerifySuccess | VerifyFailure;

const STATUS: Record<VerifyErrorCode, number> = {
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  AuthorizationQueryParametersError: 400,
  InvalidArgument: 400,
  InvalidRequest: 400,
  SignatureDoesNotMatch: 403,
  InvalidClientTokenId: 403,
  AccessDenied: 403,
  XAmzContentSHA256Mismatch: 400,
  InternalFailure: 500,
};

/**
 * A refusal with the HTTP status AWS answers that code with.
 *
 * @example refuse('AccessDenied', 'Request has expired') // { ok: false, status: 403, ... }
 */
export function refuse(code: VerifyErrorCode, message: string): VerifyFailure {
  return { ok: false, code, status: STATUS[code], message };
}

/**
 * An `InternalFailure` (500) whose cause is kept for the operator, out of the message.
 *
 * @example return internalFailure('the credential lookup failed', error);
 */
export function internalFailure(message: string, cause: unknown): VerifyFailure {
  return { ...refuse('InternalFailure', message), cause };
}

/**
 * Throws a `SigV4Error` with code `InvalidOption` for unusable verifier options: a mistake in
 * the server's code, not in the request, so it is thrown rather than answered.
 *
 * @example if (typeof options.lookupCredentials !== 'function') invalidVerifyOption('...');
 */
export function invalidVerifyOption(message: string): never {
  throw new SigV4Error('InvalidOption', message);
}

/**
 * Tells a refusal from a parsed value.
 *
 * @example if (isFailure(parsed)) return parsed;
 */
export function isFailure(value: unknown): value is VerifyFailure {
  return (value as VerifyFailure | undefined)?.ok === false;
}

/** AWS's message for a signature that does not match. */
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. ' +
  'Consult the service documentation for details.';

/**
 * The signature mismatch refusal; with `includeCanonical`, the canonical request and string to
 * sign are appended to the message the way AWS Query services do, and returned as fields.
 *
 * @example signatureMismatch(canonicalRequest, stringToSign, true).message
 */
export function signatureMismatch(
  canonicalRequest: string,
  stringToSign: string,
  includeCanonical: boolean,
): VerifyFailure {
  if (!includeCanonical) return refuse('SignatureDoesNotMatch', SIGNATURE_MISMATCH_MESSAGE);
  const message =
    SIGNATURE_MISMATCH_MESSAGE +
    "\n\nThe Canonical String for this request should have been\n'" +
    canonicalRequest +
    "'\n\nThe String-to-Sign should have been\n'" +
    stringToSign +
    "'\n";
  return { ...refuse('SignatureDoesNotMatch', message), canonicalRequest, stringToSign };
}

/** AWS's message for an unknown access key or a session token that is not the key's. */
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';

/**
 * Quotes a value the client sent for an error message, cut short so a huge header cannot make a
 * huge answer.
 *
 * @example clip('AKID') // 'AKID'
 */
export function clip(value: string, max = 256): string {
  return value.length <= max ? value : value.slice(0, max) + '...';
}
