// Asynchronous verification on Web Crypto (workers, browsers); the key store may answer with a
// promise. Same steps and answers as verifyRequest.
import { hmacHexAsync, sha256HexAsync } from './crypto/web-crypto.js';
import { webSigningKey } from './sign-web.js';
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
import type { VerifiableRequest, VerifyCredentials, VerifyOptionsAsync } from './verify-options.js';
import { SigV4Error } from './errors.js';
import { signatureMatches } from './signature-compare.js';
import { beginVerification, type VerifyPlan } from './verify-plan.js';

/**
 * Verifies a SigV4-signed request on Web Crypto; `lookupCredentials` may return a promise.
 * Resolves (never rejects) to the same answers as `verifyRequest`.
 *
 * @example
 * const result = await verifyRequestAsync(
 *   { method: request.method, url: request.url, headers: request.headers, body },
 *   { lookupCredentials: (id) => env.KEYS.get(id, 'json'), service: 'execute-api',
 *     region: ['us-east-1', 'eu-west-1'] },
 * );
 */
export async function verifyRequestAsync(
  request: VerifiableRequest,
  options: VerifyOptionsAsync,
): Promise<VerifyResult> {
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
      found = await options.lookupCredentials(plan.credential.accessKeyId);
    } catch (error) {
      return internalFailure('the credential lookup failed', error);
    }
    const credentials = checkAfterLookup(plan, found);
    if (isFailure(credentials)) return credentials;
    return await checkSignature(plan, credentials);
  } catch (error) {
    if (error instanceof SigV4Error) throw error;
    return internalFailure('verification failed inside the server', error);
  }
}

async function checkSignature(
  plan: VerifyPlan,
  credentials: VerifyCredentials,
): Promise<VerifyResult> {
  const body = bodyToHash(plan);
  const bodyHash = body === undefined ? undefined : await sha256HexAsync(body);
  const payloadHash = settlePayloadHash(plan, bodyHash);
  if (isFailure(payloadHash)) return payloadHash;

  const { date, region, service } = plan.credential;
  const key = await webSigningKey(credentials, date, region, service, undefined);

  let mismatch: VerifyFailure | undefined;
  for (const withToken of [true, false]) {
    if (!withToken && !retryWithoutToken(plan)) break;
    const rebuilt = rebuildCanonical(plan, payloadHash, withToken);
    const stringToSign = rebuilt.head + (await sha256HexAsync(rebuilt.canonicalRequest));
    const signature = await hmacHexAsync(key, stringToSign);
    if (signatureMatches(signature, plan.signature)) return verified(plan);
    mismatch ??= signatureMismatch(
      rebuilt.canonicalRequest,
      stringToSign,
      plan.settings.includeCanonical,
    );
  }
  return mismatch as VerifyFailure;
}
