// Asynchronous signing on Web Crypto, for browsers and workers. Same canonicalization as the
// Node signer; only the hashing differs.
import {
  bytesToHex,
  deriveSigningKeyAsync,
  hmacHexAsync,
  sha256HexAsync,
  type WebSigningKey,
} from './crypto/web-crypto.js';
import type { PresignedUrl, SignedRequest } from './explanation.js';
import type { SignableRequest } from './request-input.js';
import type { PresignOptions, SignOptions } from './sign-options.js';
import {
  canonicalize,
  finishHeaderSigning,
  finishPresigning,
  planSigning,
  toSign,
  type CanonicalForm,
  type SignatureSteps,
  type SigningPlan,
} from './signing-plan.js';
import { SigningKeyCache, signingKeyId } from './signing-key-cache.js';

const webKeyCache = new SigningKeyCache<WebSigningKey>(64);
const digests = new WeakMap<object, { secret: string; digest: string }>();

async function secretDigest(credentials: { secretAccessKey: string }): Promise<string> {
  const known = digests.get(credentials);
  if (known !== undefined && known.secret === credentials.secretAccessKey) return known.digest;
  const digest = await sha256HexAsync('iam-bridge-key-cache\n' + credentials.secretAccessKey);
  digests.set(credentials, { secret: credentials.secretAccessKey, digest });
  return digest;
}

/**
 * The Web Crypto signing key for a scope, from the cache (or derived and cached); shared with the
 * verifier.
 *
 * @example await webSigningKey(credentials, '20200718', 'us-east-1', 'iam', undefined)
 */
export async function webSigningKey(
  credentials: { secretAccessKey: string },
  date8: string,
  region: string,
  service: string,
  keyCache: SigningKeyCache | false | undefined,
): Promise<WebSigningKey> {
  if (keyCache === false)
    return deriveSigningKeyAsync(credentials.secretAccessKey, date8, region, service);

  const cache = (keyCache ?? webKeyCache) as SigningKeyCache<WebSigningKey>;
  const id = signingKeyId(await secretDigest(credentials), date8, region, service);
  let key = cache.get(id);
  if (key === undefined || !(key.bytes instanceof Uint8Array)) {
    key = await deriveSigningKeyAsync(credentials.secretAccessKey, date8, region, service);
    cache.set(id, key);
  }
  return key;
}

function signingKeyFor(plan: SigningPlan): Promise<WebSigningKey> {
  const { credentials, date8, region, service, keyCache } = plan.options;
  return webSigningKey(credentials, date8, region, service, keyCache);
}

async function computeSteps(
  plan: SigningPlan,
): Promise<{ form: CanonicalForm; steps: SignatureSteps }> {
  const payloadHash =
    plan.knownPayloadHash ?? (await sha256HexAsync(plan.request.body as string | Uint8Array));
  const form = canonicalize(plan, payloadHash);
  const canonicalRequestHash = await sha256HexAsync(form.text);
  const stringToSign = toSign(plan, canonicalRequestHash);
  const key = await signingKeyFor(plan);
  const signature = await hmacHexAsync(key, stringToSign);
  const signingKeyHex = plan.options.exposeSigningKey ? bytesToHex(key.bytes) : undefined;
  return { form, steps: { canonicalRequestHash, stringToSign, signature, signingKeyHex } };
}

/**
 * Signs a request with an Authorization header on Web Crypto (browsers, workers).
 *
 * @example const signed = await signRequestAsync({ url }, { credentials, region, service });
 */
export async function signRequestAsync(
  request: SignableRequest,
  options: SignOptions,
): Promise<SignedRequest> {
  const plan = planSigning(request, options, 'header');
  const { form, steps } = await computeSteps(plan);
  return finishHeaderSigning(plan, form, steps);
}

/**
 * Presigns a URL on Web Crypto (browsers, workers).
 *
 * @example const { url } = await presignUrlAsync({ url }, { credentials, expiresIn: 30 });
 */
export async function presignUrlAsync(
  request: SignableRequest,
  options: PresignOptions,
): Promise<PresignedUrl> {
  const plan = planSigning(request, options, 'query');
  const { form, steps } = await computeSteps(plan);
  return finishPresigning(plan, form, steps);
}
