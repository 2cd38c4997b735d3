// The signing steps that need no cryptography, shared by the Node (synchronous) and Web Crypto
// (asynchronous) signers: read the request, apply options, build the canonical request, and
// assemble the signed result once the hashes are known.
import { canonicalizeFully, type CanonicalForm } from './canonical-form.js';
import {
  ALGORITHM,
  EMPTY_PAYLOAD_HASH,
  UNSIGNED_PAYLOAD,
  credentialScope,
  stringToSign,
} from './credential-scope.js';
import { SigV4Error } from './errors.js';
import type { Explanation, PresignedUrl, SignedRequest } from './explanation.js';
import { prepareRequest, type PreparedRequest, type SignableRequest } from './request-input.js';
import {
  checkExpires,
  resolveOptions,
  type PresignOptions,
  type ResolvedOptions,
  type SignOptions,
} from './sign-options.js';
import { canonicalFromTemplate, headersForTemplate, rememberTemplate } from './signing-template.js';
import { uriEncode } from './uri-encoding.js';

export type { CanonicalForm } from './canonical-form.js';

/** The state of one signature between its steps. */
export interface SigningPlan {
  mode: 'header' | 'query';
  request: PreparedRequest;
  options: ResolvedOptions;
  scope: string;
  expiresIn: number;
  /** Payload hash known without hashing the body, or undefined when the body must be hashed. */
  knownPayloadHash: string | undefined;
}

const HEX64 = /^[0-9a-f]{64}$/;
/**
 * Reads the request and options; says whether the body still has to be hashed.
 *
 * @example planSigning(request, options, 'header')
 */
export function planSigning(
  request: SignableRequest,
  options: SignOptions | PresignOptions,
  mode: 'header' | 'query',
): SigningPlan {
  const prepared = prepareRequest(request, options?.queryPlus ?? 'space');
  const resolved = resolveOptions(options, prepared.host, mode);
  const expiresIn =
    mode === 'query' ? checkExpires((options as PresignOptions).expiresIn ?? 900) : 0;
  const scope = credentialScope(resolved.date8, resolved.region, resolved.service);

  const payload = resolved.payload;
  let knownPayloadHash: string | undefined;
  if (payload === 'unsigned') {
    knownPayloadHash = UNSIGNED_PAYLOAD;
  } else if (typeof payload === 'object' && payload !== null) {
    const hash = String(payload.sha256).toLowerCase();
    if (!HEX64.test(hash))
      throw new SigV4Error('InvalidOption', 'payload.sha256 must be 64 hex digits');
    knownPayloadHash = hash;
  } else if (options.payload === undefined && prepared.headers.has('x-amz-content-sha256')) {
    // A caller-stated content hash is the payload hash, as S3 reads it.
    knownPayloadHash = prepared.headers.get('x-amz-content-sha256');
  } else if (prepared.body === undefined || prepared.body.length === 0) {
    knownPayloadHash = EMPTY_PAYLOAD_HASH;
  }

  return { mode, request: prepared, options: resolved, scope, expiresIn, knownPayloadHash };
}

/**
 * Builds the canonical request once the payload hash is known: from a template when the same
 * shape was signed before, in full otherwise.
 *
 * @example canonicalize(plan, EMPTY_PAYLOAD_HASH).text
 */
export function canonicalize(plan: SigningPlan, payloadHash: string): CanonicalForm {
  const fromTemplate = canonicalFromTemplate(plan, payloadHash);
  if (fromTemplate !== undefined) return fromTemplate;
  const headersBefore = headersForTemplate(plan);
  const form = canonicalizeFully(plan, payloadHash);
  if (headersBefore !== undefined) rememberTemplate(plan, headersBefore, form);
  return form;
}

/**
 * The string to sign for a plan, given the hex hash of its canonical request.
 *
 * @example toSign(plan, sha256Hex(form.text))
 */
export function toSign(plan: SigningPlan, canonicalRequestHash: string): string {
  return toSignHead(plan) + canonicalRequestHash;
}

/**
 * The string to sign up to its last line (which is the canonical request's hash): one string
 * for every signature made in the same second and scope.
 *
 * @example hmacHexAfterHead(key, toSignHead(plan), canonicalRequestHash)
 */
export function toSignHead(plan: SigningPlan): string {
  const amzDate = plan.options.amzDate;
  const last = lastHead;
  if (last.amzDate === amzDate && last.scope === plan.scope) return last.head;
  const head = stringToSign(amzDate, plan.scope, '');
  lastHead = { amzDate, scope: plan.scope, head };
  return head;
}

let lastHead = { amzDate: '', scope: '', head: '' };

/** The cryptographic results of one signature. */
export interface SignatureSteps {
  canonicalRequestHash: string;
  stringToSign: string;
  signature: string;
  /** Hex signing key, only when the caller asked to see it. */
  signingKeyHex: string | undefined;
}

function explain(plan: SigningPlan, form: CanonicalForm, steps: SignatureSteps): Explanation {
  const o = plan.options;
  const explanation: Explanation = {
    algorithm: ALGORITHM,
    mode: plan.mode,
    accessKeyId: o.credentials.accessKeyId,
    amzDate: o.amzDate,
    region: o.region,
    service: o.service,
    credentialScope: plan.scope,
    canonicalRequestParts: form.parts,
    canonicalRequest: form.text,
    canonicalRequestHash: steps.canonicalRequestHash,
    stringToSign: steps.stringToSign,
    signedHeaders: form.parts.signedHeaders,
    payloadHash: form.parts.payloadHash,
    signature: steps.signature,
  };
  if (steps.signingKeyHex !== undefined) explanation.signingKey = steps.signingKeyHex;
  return explanation;
}

/**
 * Assembles a header-signed request from the computed signature.
 *
 * @example finishHeaderSigning(plan, form, steps)
 */
export function finishHeaderSigning(
  plan: SigningPlan,
  form: CanonicalForm,
  steps: SignatureSteps,
): SignedRequest {
  const { request, options } = plan;
  const headers: Record<string, string> = {};
  const prepared = request.headers;
  for (const name of prepared.keys()) headers[name] = prepared.get(name) as string;
  headers.authorization = form.authorizationHead + steps.signature;
  const token = options.credentials.sessionToken;
  if (token && options.sessionToken === 'appended') headers['x-amz-security-token'] = token;

  const result: SignedRequest = {
    method: request.method,
    url: form.url,
    headers,
    explanation: explain(plan, form, steps),
  };
  if (request.body !== undefined) result.body = request.body;
  return result;
}

/**
 * Assembles a presigned URL from the computed signature; X-Amz-Signature comes last.
 *
 * @example finishPresigning(plan, form, steps).url
 */
export function finishPresigning(
  plan: SigningPlan,
  form: CanonicalForm,
  steps: SignatureSteps,
): PresignedUrl {
  const { request, options } = plan;
  let url = form.url + steps.signature;
  const token = options.credentials.sessionToken;
  if (token && options.sessionToken === 'appended')
    url += '&X-Amz-Security-Token=' + uriEncode(token);

  // X-Amz-Date has whole seconds; the URL's validity starts there.
  const signedAt = new Date(Math.floor(options.date.getTime() / 1000) * 1000);
  const headers: Record<string, string> = {};
  for (const name of form.signedNames) {
    if (name !== 'host') headers[name] = request.headers.get(name) as string;
  }
  return {
    method: request.method,
    url,
    headers,
    signedAt,
    expiresAt: new Date(signedAt.getTime() + plan.expiresIn * 1000),
    expiresIn: plan.expiresIn,
    explanation: explain(plan, form, steps),
  };
}
