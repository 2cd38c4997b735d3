// Synchronous signing on node:crypto: the fast path.
import {
  deriveSigningKey,
  hmacHexAfterHead,
  NodeSigningKey,
  sha256Hex,
} from './crypto/node-crypto.js';
import type { PresignedUrl, SignedRequest } from './explanation.js';
import type { SignableRequest } from './request-input.js';
import type { PresignOptions, SignOptions } from './sign-options.js';
import {
  canonicalize,
  finishHeaderSigning,
  finishPresigning,
  planSigning,
  toSignHead,
  type CanonicalForm,
  type SignatureSteps,
  type SigningPlan,
} from './signing-plan.js';
import {
  defaultKeyCache,
  secretDigestOf,
  signingKeyId,
  type SigningKeyCache,
} from './signing-key-cache.js';

/**
 * The signing key for a scope, from the cache (or derived and cached); shared with the verifier.
 *
 * @example nodeSigningKey(credentials, '20200718', 'us-east-1', 'iam', undefined)
 */
export function nodeSigningKey(
  credentials: { secretAccessKey: string },
  date8: string,
  region: string,
  service: string,
  keyCache: SigningKeyCache | false | undefined,
): NodeSigningKey {
  if (keyCache === false)
    return deriveSigningKey(credentials.secretAccessKey, date8, region, service);

  const cache = (keyCache ?? defaultKeyCache) as SigningKeyCache<NodeSigningKey>;
  const memo = lastKey;
  if (
    memo !== undefined &&
    memo.secret === credentials.secretAccessKey &&
    memo.date8 === date8 &&
    memo.region === region &&
    memo.service === service &&
    cache.isNewest(memo.id)
  ) {
    return memo.key;
  }

  const id = signingKeyId(secretDigestOf(credentials, sha256Hex), date8, region, service);
  let key = cache.get(id);
  if (key === undefined || !(key instanceof NodeSigningKey)) {
    key = deriveSigningKey(credentials.secretAccessKey, date8, region, service);
    cache.set(id, key);
  }
  lastKey = { secret: credentials.secretAccessKey, date8, region, service, id, key };
  return key;
}

// The key handed out last and what it was looked up by. Callers sign with the same secret and
// scope again and again (often in a fresh credentials object each time); this skips the secret's
// digest and the cache id for them. It is used only while that id is still the cache's newest
// entry, so the cache stays the one place keys live (clear() and eviction are honoured).
let lastKey:
  | {
      secret: string;
      date8: string;
      region: string;
      service: string;
      id: string;
      key: NodeSigningKey;
    }
  | undefined;

function signingKeyFor(plan: SigningPlan): NodeSigningKey {
  const { credentials, date8, region, service, keyCache } = plan.options;
  return nodeSigningKey(credentials, date8, region, service, keyCache);
}

function computeSteps(plan: SigningPlan): { form: CanonicalForm; steps: SignatureSteps } {
  const payloadHash = plan.knownPayloadHash ?? sha256Hex(plan.request.body as string | Uint8Array);
  const form = canonicalize(plan, payloadHash);
  const canonicalRequestHash = sha256Hex(form.encoded ?? form.text);
  const head = toSignHead(plan);
  const key = signingKeyFor(plan);
  const signature = hmacHexAfterHead(key, head, canonicalRequestHash);
  const signingKeyHex = plan.options.exposeSigningKey ? key.bytes.toString('hex') : undefined;
  const stringToSign = head + canonicalRequestHash;
  return { form, steps: { canonicalRequestHash, stringToSign, signature, signingKeyHex } };
}

/**
 * Signs a request with an Authorization header (SigV4, HMAC-SHA256), synchronously.
 *
 * @example
 * const signed = signRequest(
 *   { method: 'POST', url: 'https://iam.amazonaws.com/',
 *     headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
 *     body: 'Action=ListUsers&Version=2010-05-08' },
 *   { credentials: { accessKeyId, secretAccessKey } },
 * );
 * await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
 */
export function signRequest(request: SignableRequest, options: SignOptions): SignedRequest {
  const plan = planSigning(request, options, 'header');
  const { form, steps } = computeSteps(plan);
  return finishHeaderSigning(plan, form, steps);
}

/**
 * Presigns a URL (query-string authentication), synchronously.
 *
 * @example
 * const { url } = presignUrl(
 *   { url: 'https://iam.amazonaws.com/?Action=CreateUser&UserName=TestAPCUser&Version=2010-05-08' },
 *   { credentials, expiresIn: 30 },
 * );
 */
export function presignUrl(request: SignableRequest, options: PresignOptions): PresignedUrl {
  const plan = planSigning(request, options, 'query');
  const { form, steps } = computeSteps(plan);
  return finishPresigning(plan, form, steps);
}
