// Synchronous verification on node:crypto: the server-side twin of signRequest/presignUrl.
import { hmacHexAfterHead, sha256Hex } from './crypto/node-crypto.js';
import { nodeSigningKey } from './sign.js';
import {
  bodyToHash,
  checkAfterLookup,
  rebuildCanonical,
  retryWithoutToken,
  settlePayloadHash,
  verified,
} from './verify-checks.js';
import {
  internalFailure,
  invalidVerifyOption,
  isFailure,
  signatureMismatch,
  type VerifyFailure,
  type VerifyResult,
} from './verify-errors.js';
import type { VerifiableRequest, VerifyCredentials, VerifyOptions } from './verify-options.js';
import { SigV4Error } from './errors.js';
import { signatureMatches } from './signature-compare.js';
import { beginVerification, type VerifyPlan } from './verify-plan.js';

/**
 * Verifies a SigV4-signed request (Authorization header or presigned URL) the way AWS does:
 * form, credential scope, access key and session token, signed headers, time window, payload
 * hash, then the signature in constant time. Nothing a request carries makes it throw: every
 * problem with the request is an `ok: false` answer with AWS's code, HTTP status and message.
 * Options the server got wrong (no `lookupCredentials` function, a region that is not a
 * region name) are a programming error and throw `SigV4Error` `InvalidOption` on the first
 * call, so that a misconfigured server fails at once rather than refusing every caller.
 *
 * @example
 * const result = verifyRequest(
 *   { method: req.method, url: req.url, headers: req.headers, body },
 *   { lookupCredentials: (id) => keys.get(id), service: 'iam', region: 'us-east-1' },
 * );
 * if (!result.ok) return reply.code(result.status).send(errorXml(result.code, result.message));
 */
export function verifyRequest(request: VerifiableRequest, options: VerifyOptions): VerifyResult {
  if (typeof options?.lookupCredentials !== 'function') {
    invalidVerifyOption(
      'options.lookupCredentials must be a function: (accessKeyId) => credentials',
    );
  }
  try {
    const plan = beginVerification(request, options);
    if (isFailure(plan)) return plan;
    let found: unknown;
    try {
      found = options.lookupCredentials(plan.credential.accessKeyId);
    } catch (error) {
      return internalFailure('the credential lookup failed', error);
    }
    const credentials = checkAfterLookup(plan, found);
    if (isFailure(credentials)) return credentials;
    return checkSignature(plan, credentials);
  } catch (error) {
    if (error instanceof SigV4Error) throw error;
    return internalFailure('verification failed inside the server', error);
  }
}

function checkSignature(plan: VerifyPlan, credentials: VerifyCredentials): VerifyResult {
  const body = bodyToHash(plan);
  const payloadHash = settlePayloadHash(plan, body === undefined ? undefined : sha256Hex(body));
  if (isFailure(payloadHash)) return payloadHash;

  const { date, region, service } = plan.credential;
  const key = nodeSigningKey(credentials, date, region, service, undefined);
  const expected = plan.signature;

  let mismatch: VerifyFailure | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const withToken = attempt === 0;
    if (!withToken && !retryWithoutToken(plan)) break;
    const rebuilt = rebuildCanonical(plan, payloadHash, withToken);
    const hash = sha256Hex(rebuilt.encoded ?? rebuilt.canonicalRequest);
    // Hex against hex, in time that depends only on the lengths (both public).
    if (signatureMatches(hmacHexAfterHead(key, rebuilt.head, hash), expected)) {
      return verified(plan);
    }
    mismatch ??= signatureMismatch(
      rebuilt.canonicalRequest,
      rebuilt.head + hash,
      plan.settings.includeCanonical,
    );
  }
  return mismatch as VerifyFailure;
}
